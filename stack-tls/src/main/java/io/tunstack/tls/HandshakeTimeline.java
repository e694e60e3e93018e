package io.tunstack.tls;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * When each {@link HandshakeEvent} first happened, in nanoseconds of the configured clock. Filled by
 * the handshake; a {@link TlsHandshakeListener} sees every step, repeated ones included.
 */
public final class HandshakeTimeline {

    private final Map<HandshakeEvent, Long> events = new EnumMap<>(HandshakeEvent.class);

    /** Notes the event's time unless it already happened (a second ClientHello, a later KeyUpdate). */
    public void record(HandshakeEvent event, long nanoTime) {
        events.putIfAbsent(event, nanoTime);
    }

    /** The time {@code event} first happened, or null if it did not happen. */
    public Long at(HandshakeEvent event) {
        return events.get(event);
    }

    public Map<HandshakeEvent, Long> events() {
        return Collections.unmodifiableMap(events);
    }

    /** One line per event with milliseconds since the first one (the ClientHello), e.g. for a CLI trace. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        Long start = events.values().stream().min(Long::compare).orElse(null);
        events.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> sb.append(String.format("%8.3f ms  %s%n",
                start == null ? 0.0 : (e.getValue() - start) / 1e6, e.getKey().name().toLowerCase(java.util.Locale.ROOT))));
        return sb.toString();
    }
}
