package io.tunstack.tls.handshake;

import io.tunstack.tls.SessionTicket;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.List;

/**
 * Client: the session ticket offered for resumption in the pre_shared_key extension (RFC 8446
 * §4.2.11): its identity, obfuscated age and binder.
 */
final class TicketOffer {

    private final SessionTicket ticket;
    private final KeySchedule earlySchedule;

    private TicketOffer(SessionTicket ticket) {
        this.ticket = ticket;
        this.earlySchedule = new KeySchedule(ticket.cipherSuite().hash(), ticket.psk());
    }

    /** The newest unexpired ticket for the server whose suite we still offer, or null. */
    static TicketOffer choose(TlsConfig config, long nowMillis) {
        if (!config.enabled(ProtocolVersion.TLS_1_3) || config.sessionTicketStore() == null) {
            return null;
        }
        List<SessionTicket> tickets = config.sessionTicketStore().tickets(config.serverName(), nowMillis);
        for (int i = tickets.size() - 1; i >= 0; i--) {
            if (config.cipherSuites().contains(tickets.get(i).cipherSuite())) {
                return new TicketOffer(tickets.get(i));
            }
        }
        return null;
    }

    SessionTicket ticket() {
        return ticket;
    }

    /** The extension with a zero binder; RFC 8446 §4.2.11.1: obfuscated_ticket_age = age in ms + ticket_age_add mod 2^32. */
    Extension unbound(long nowMillis) {
        long age = Math.max(0, nowMillis - ticket.receivedAtMillis());
        return PreSharedKeyExtension.unbound(ticket.ticket(), (age + ticket.ageAdd()) & 0xffffffffL, ticket.cipherSuite().hash());
    }

    /** Fills in the binder of a ClientHello that ends with {@link #unbound}; {@code transcript} is null for the first ClientHello. */
    HandshakeMessage bind(HandshakeMessage hello, Transcript transcript) {
        return PreSharedKeyExtension.bind(hello, ticket.cipherSuite().hash(), earlySchedule.resumptionBinderKey(), transcript);
    }

    /** A key schedule starting from the ticket's PSK, for the handshake once the server accepts it. */
    KeySchedule schedule() {
        return new KeySchedule(ticket.cipherSuite().hash(), ticket.psk());
    }
}
