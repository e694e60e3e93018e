package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.Objects;

/**
 * Server: TLS 1.2 session resumption. A client that asks for RFC 5077 tickets gets them, sealed by the
 * configuration's {@link TicketSealer}; any other gets a session_id and its session goes into the
 * {@link Tls12SessionCache}. A ClientHello resumes with a valid ticket, or else with a cached session_id.
 */
final class Tls12ServerResumption {

    private Tls12ServerResumption() {
    }

    /**
     * A ticket carries no client identity, and neither does our cache entry, so a server that
     * authenticates clients resumes nothing (as in TLS 1.3, {@link ServerResumption}); nor one whose
     * sessions have no lifetime.
     */
    private static boolean resumes(TlsServerConfig config) {
        return config.ticketLifetimeSeconds() > 0 && config.clientAuthentication() == TlsServerConfig.ClientAuthentication.NONE;
    }

    /** RFC 5077 §3.2: a ticket only for a client that sent session_ticket. */
    static boolean issuesTicket(TlsServerConfig config, ClientHelloOffer hello) {
        return resumes(config) && hello.extensions().get(ExtensionType.SESSION_TICKET) != null;
    }

    /** A session_id, for a cache entry, only for a client that does not use tickets. */
    static boolean cachesSession(TlsServerConfig config, ClientHelloOffer hello) {
        return resumes(config) && config.tls12SessionCache() != null && hello.extensions().get(ExtensionType.SESSION_TICKET) == null;
    }

    /**
     * The session the ClientHello resumes, or null and the handshake is a full one: never an error (RFC 5077
     * §3.4). First an offered ticket, which must be ours: the client must also have sent a session_id for us
     * to echo, by which it learns that we resume (RFC 5077 §3.4). Then a cached session_id. Either way the
     * session must be {@link #usable}.
     */
    static TicketSealer.Contents accept(TlsServerConfig config, ClientHelloOffer hello, Tls12Negotiation negotiation, String serverName) {
        if (!resumes(config) || hello.legacySessionId().length == 0) {
            return null;
        }
        byte[] ticket = hello.extensions().get(ExtensionType.SESSION_TICKET);
        TicketSealer.Contents session = null;
        if (ticket != null && ticket.length > 0) {
            session = config.ticketSealer().open(ticket);
        } else if (config.tls12SessionCache() != null) {
            session = config.tls12SessionCache().get(hello.legacySessionId());
        }
        return session != null && usable(config, hello, negotiation, serverName, session) ? session : null;
    }

    /**
     * A TLS 1.2 session with the extended master secret (RFC 7627 §5.3), unexpired, for a suite the client
     * offers and we still enable (RFC 5246 §7.4.1.2), for the ALPN protocol negotiated now and the same server name.
     */
    private static boolean usable(TlsServerConfig config, ClientHelloOffer hello, Tls12Negotiation negotiation, String serverName,
            TicketSealer.Contents session) {
        CipherSuite suite = session.suite();
        long age = System.currentTimeMillis() - session.issuedMillis();
        return suite.version() == ProtocolVersion.TLS_1_2 && session.extendedMasterSecret()
                && hello.cipherSuites().contains(suite.code()) && config.cipherSuites(ProtocolVersion.TLS_1_2).contains(suite)
                && suite.keyExchange() == negotiation.suite().keyExchange()
                && age >= 0 && age < config.ticketLifetimeSeconds() * 1000
                && Objects.equals(session.applicationProtocol(), negotiation.applicationProtocol())
                && Objects.equals(session.serverName(), serverName);
    }

    /** The session a completed handshake established or resumed, as a ticket or cache entry holds it. */
    static TicketSealer.Contents session(SessionDetails details, CipherSuite suite, byte[] masterSecret, long issuedMillis) {
        return new TicketSealer.Contents(suite, masterSecret, issuedMillis, 0, details.applicationProtocol, details.serverName, true);
    }

    /**
     * Sends a NewSessionTicket (part of the transcript, RFC 5077 §3.3) for the session. A renewed ticket
     * keeps the session's issue time, so resuming never stretches a session beyond the configured lifetime;
     * the hint is what is left of it.
     */
    static void issueTicket(ServerContext context, TicketSealer.Contents session) throws TlsException {
        TlsServerConfig config = context.config();
        byte[] ticket = config.ticketSealer().seal(session);
        long ageSeconds = Math.max(0, System.currentTimeMillis() - session.issuedMillis()) / 1000;
        long hint = Math.max(1, config.ticketLifetimeSeconds() - ageSeconds);
        context.sendHandshake(NewSessionTicket12.encode(hint, ticket));
        context.record(HandshakeEvent.NEW_SESSION_TICKET_SENT, () -> "lifetime hint " + hint + " s, " + ticket.length + "-byte ticket");
    }

    /** Puts the session of a completed full handshake into the cache under the session_id we gave. */
    static void cache(ServerContext context, byte[] sessionId, TicketSealer.Contents session) {
        context.config().tls12SessionCache().put(sessionId, session);
        context.cachedSessionId(sessionId);
    }
}
