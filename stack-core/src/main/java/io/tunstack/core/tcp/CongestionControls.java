package io.tunstack.core.tcp;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Congestion control algorithms by name, as chosen in {@link TcpConfig.Builder#congestionControl}. */
public final class CongestionControls {
    /** Creates one connection's instance once its send MSS and ISS are known. */
    @FunctionalInterface
    public interface Factory {
        CongestionControl create(int smss, int iss);
    }

    private static final Map<String, Factory> FACTORIES = new ConcurrentHashMap<>(Map.of("newreno", NewReno::new, "cubic", Cubic::new));

    private CongestionControls() {
    }

    /** Makes {@code name} (case-insensitive) available to configurations. */
    public static void register(String name, Factory factory) {
        FACTORIES.put(name.toLowerCase(Locale.ROOT), factory);
    }

    /** The factory registered under {@code name}; throws IllegalArgumentException when unknown. */
    public static Factory factory(String name) {
        Factory f = FACTORIES.get(name.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("unknown congestion control: " + name + " (known: " + new TreeSet<>(FACTORIES.keySet()) + ")");
        }
        return f;
    }
}
