package io.tunstack.tls.handshake;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server: TLS 1.2 sessions by session_id (RFC 5246 §7.4.1.2-7.4.1.3), for clients that resume without
 * tickets; the least recently used goes when the cache is full. Thread-safe.
 */
public final class Tls12SessionCache {

    private final Map<String, TicketSealer.Contents> sessions;

    /** @param capacity the most sessions kept; at least 1 */
    public Tls12SessionCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TicketSealer.Contents> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(byte[] sessionId, TicketSealer.Contents session) {
        sessions.put(HexFormat.of().formatHex(sessionId), session);
    }

    /** The session with that ID, or null. */
    synchronized TicketSealer.Contents get(byte[] sessionId) {
        return sessions.get(HexFormat.of().formatHex(sessionId));
    }

    /** Forgets a session, e.g. after a fatal alert on one of its connections (RFC 5246 §7.2.2). */
    synchronized void remove(byte[] sessionId) {
        sessions.remove(HexFormat.of().formatHex(sessionId));
    }

    /** How many sessions are cached. */
    public synchronized int size() {
        return sessions.size();
    }
}
