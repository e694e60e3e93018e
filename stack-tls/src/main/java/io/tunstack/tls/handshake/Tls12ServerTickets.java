package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.Objects;

/**
 * Server: RFC 5077 session tickets in TLS 1.2, sealed by the configuration's {@link TicketSealer}:
 * whether to issue one, whether an offered one resumes its session, and the NewSessionTicket itself.
 * There is no session-ID cache: a client resumes with a ticket only.
 */
final class Tls12ServerTickets {

    private Tls12ServerTickets() {
    }

    /**
     * RFC 5077 §3.2: a ticket only for a client that sent session_ticket, and only while tickets are
     * enabled. A ticket carries no client identity, so a server that authenticates clients issues none
     * (as in TLS 1.3, {@link ServerResumption}).
     */
    static boolean issues(TlsServerConfig config, ClientHelloOffer hello) {
        return hello.extensions().get(ExtensionType.SESSION_TICKET) != null && config.ticketLifetimeSeconds() > 0
                && config.clientAuthentication() == TlsServerConfig.ClientAuthentication.NONE;
    }

    /**
     * The session of the offered ticket if it resumes, else null and the handshake is a full one: never
     * an error (RFC 5077 §3.4). The ticket must be ours, for TLS 1.2 with the extended master secret
     * (RFC 7627 §5.3), unexpired, for a suite the client offers and we still enable, for the ALPN protocol
     * negotiated now and the same server name. The client must have sent a session_id for us to echo:
     * that echo is how it learns we resume (RFC 5077 §3.4).
     */
    static TicketSealer.Contents accept(TlsServerConfig config, ClientHelloOffer hello, Tls12Negotiation negotiation, String serverName) {
        byte[] offered = hello.extensions().get(ExtensionType.SESSION_TICKET);
        if (!issues(config, hello) || offered.length == 0 || hello.legacySessionId().length == 0) {
            return null;
        }
        TicketSealer.Contents ticket = config.ticketSealer().open(offered);
        if (ticket == null || ticket.suite().version() != ProtocolVersion.TLS_1_2 || !ticket.extendedMasterSecret()) {
            return null;
        }
        CipherSuite suite = ticket.suite();
        long age = System.currentTimeMillis() - ticket.issuedMillis();
        boolean usable = hello.cipherSuites().contains(suite.code()) && config.cipherSuites(ProtocolVersion.TLS_1_2).contains(suite)
                && suite.keyExchange() == negotiation.suite().keyExchange()
                && age >= 0 && age < config.ticketLifetimeSeconds() * 1000
                && Objects.equals(ticket.applicationProtocol(), negotiation.applicationProtocol())
                && Objects.equals(ticket.serverName(), serverName);
        return usable ? ticket : null;
    }

    /**
     * Sends a NewSessionTicket (part of the transcript, RFC 5077 §3.3) for the session. A renewed ticket
     * keeps the session's issue time, so resuming never stretches a session beyond the configured lifetime;
     * the hint is what is left of it.
     */
    static void issue(ServerContext context, SessionDetails details, CipherSuite suite, byte[] masterSecret, long issuedMillis)
            throws TlsException {
        TlsServerConfig config = context.config();
        byte[] ticket = config.ticketSealer().seal(
                new TicketSealer.Contents(suite, masterSecret, issuedMillis, 0, details.applicationProtocol, details.serverName, true));
        long ageSeconds = Math.max(0, System.currentTimeMillis() - issuedMillis) / 1000;
        long hint = Math.max(1, config.ticketLifetimeSeconds() - ageSeconds);
        context.sendHandshake(NewSessionTicket12.encode(hint, ticket));
        context.record(HandshakeEvent.NEW_SESSION_TICKET_SENT, () -> "lifetime hint " + hint + " s, " + ticket.length + "-byte ticket");
    }
}
