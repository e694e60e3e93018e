package io.tunstack.tls;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** When each {@link HandshakeEvent} happened, in nanoseconds of the configured clock. */
public final class HandshakeTimeline {

    private final LongSupplier clock;
    private final Map<HandshakeEvent, Long> events = new EnumMap<>(HandshakeEvent.class);

    public HandshakeTimeline(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    public void record(HandshakeEvent event) {
        events.put(event, clock.getAsLong());
    }

    /** The time of {@code event}, or null if it did not happen. */
    public Long at(HandshakeEvent event) {
        return events.get(event);
    }

    public Map<HandshakeEvent, Long> events() {
        return Collections.unmodifiableMap(events);
    }

    /** One line per event with milliseconds since the ClientHello, e.g. for a CLI trace. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        Long start = events.get(HandshakeEvent.CLIENT_HELLO_SENT);
        events.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> sb.append(String.format("%8.3f ms  %s%n",
                start == null ? 0.0 : (e.getValue() - start) / 1e6, e.getKey().name().toLowerCase(java.util.Locale.ROOT))));
        return sb.toString();
    }
}
