package io.tunstack.tls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A client's resumption state per server name, the most recent first to go: TLS 1.3 tickets (RFC 8446
 * §4.6.1) and TLS 1.2 sessions (RFC 5246 §7.4.1.2, RFC 5077). Thread-safe.
 */
public final class SessionTicketStore {

    private final int perServerLimit;
    private final Map<String, Deque<SessionTicket>> tickets = new HashMap<>();
    private final Map<String, Deque<Tls12SessionState>> tls12Sessions = new HashMap<>();

    /** @param perServerLimit how many TLS 1.3 tickets, and separately how many TLS 1.2 sessions, are kept per server name */
    public SessionTicketStore(int perServerLimit) {
        this.perServerLimit = perServerLimit;
    }

    public synchronized void add(SessionTicket ticket) {
        if (ticket.lifetimeSeconds() == 0) {
            return; // a zero lifetime means the ticket must be discarded at once (RFC 8446 §4.6.1)
        }
        addBounded(tickets, String.valueOf(ticket.serverName()), ticket);
    }

    /** The unexpired tickets for {@code serverName}, oldest first. */
    public synchronized List<SessionTicket> tickets(String serverName, long nowMillis) {
        return new ArrayList<>(unexpired(tickets, serverName, t -> t.expired(nowMillis)));
    }

    /** Keeps a TLS 1.2 session for resumption. */
    public synchronized void addTls12(Tls12SessionState session) {
        if (session.lifetimeSeconds() > 0) {
            addBounded(tls12Sessions, String.valueOf(session.serverName()), session);
        }
    }

    /**
     * Removes and returns the newest unexpired TLS 1.2 session for {@code serverName} that is
     * {@code usable}, or null: a session is offered once (the client keeps it again, with any renewed
     * ticket, after an abbreviated handshake).
     */
    public synchronized Tls12SessionState takeTls12(String serverName, long nowMillis, Predicate<Tls12SessionState> usable) {
        Deque<Tls12SessionState> forServer = unexpired(tls12Sessions, serverName, s -> s.expired(nowMillis));
        for (Iterator<Tls12SessionState> i = forServer.descendingIterator(); i.hasNext(); ) {
            Tls12SessionState session = i.next();
            if (usable.test(session)) {
                i.remove();
                return session;
            }
        }
        return null;
    }

    /** Forgets a TLS 1.2 session, e.g. one whose connection ended with a fatal alert (RFC 5246 §7.2.2). */
    public synchronized void removeTls12(Tls12SessionState session) {
        Deque<Tls12SessionState> forServer = tls12Sessions.get(String.valueOf(session.serverName()));
        if (forServer != null) {
            forServer.remove(session);
        }
    }

    /** The unexpired TLS 1.2 sessions for {@code serverName}, oldest first. */
    public synchronized List<Tls12SessionState> tls12Sessions(String serverName, long nowMillis) {
        return new ArrayList<>(unexpired(tls12Sessions, serverName, s -> s.expired(nowMillis)));
    }

    /** The server's entries after dropping the expired ones; empty (and not kept) if it has none. */
    private static <T> Deque<T> unexpired(Map<String, Deque<T>> map, String serverName, Predicate<T> expired) {
        Deque<T> forServer = map.get(String.valueOf(serverName));
        if (forServer == null) {
            return new ArrayDeque<>();
        }
        forServer.removeIf(expired);
        return forServer;
    }

    private <T> void addBounded(Map<String, Deque<T>> map, String serverName, T entry) {
        Deque<T> forServer = map.computeIfAbsent(serverName, k -> new ArrayDeque<>());
        forServer.addLast(entry);
        while (forServer.size() > perServerLimit) {
            forServer.removeFirst();
        }
    }
}
