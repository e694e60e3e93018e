package io.tunstack.tls;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps the most recent session tickets per server name (for resumption); thread-safe. */
public final class SessionTicketStore {

    private final int perServerLimit;
    private final Map<String, Deque<SessionTicket>> tickets = new HashMap<>();

    public SessionTicketStore(int perServerLimit) {
        this.perServerLimit = perServerLimit;
    }

    public synchronized void add(SessionTicket ticket) {
        if (ticket.lifetimeSeconds() == 0) {
            return; // a zero lifetime means the ticket must be discarded at once (RFC 8446 §4.6.1)
        }
        Deque<SessionTicket> forServer = tickets.computeIfAbsent(String.valueOf(ticket.serverName()), k -> new ArrayDeque<>());
        forServer.addLast(ticket);
        while (forServer.size() > perServerLimit) {
            forServer.removeFirst();
        }
    }

    /** The unexpired tickets for {@code serverName}, oldest first. */
    public synchronized List<SessionTicket> tickets(String serverName, long nowMillis) {
        Deque<SessionTicket> forServer = tickets.get(String.valueOf(serverName));
        if (forServer == null) {
            return List.of();
        }
        forServer.removeIf(t -> t.expired(nowMillis));
        return new ArrayList<>(forServer);
    }
}
