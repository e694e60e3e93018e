package io.tunstack.tls.handshake;

import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.Tls12SessionState;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.record.ProtocolVersion;

/**
 * Client: the TLS 1.2 session offered for resumption in the ClientHello, by its session_id
 * (RFC 5246 §7.4.1.2) or by its RFC 5077 ticket with a session_id of our own (RFC 5077 §3.4); and
 * keeping the session of a completed handshake for the next connection to the same server name.
 */
final class Tls12SessionOffer {

    /** A fresh session_id sent with a ticket, by which the server signals that it accepts the ticket (RFC 5077 §3.4). */
    private static final int TICKET_SESSION_ID_LENGTH = 32;

    private final Tls12SessionState session;
    private final byte[] sessionId;

    private Tls12SessionOffer(Tls12SessionState session, byte[] sessionId) {
        this.session = session;
        this.sessionId = sessionId;
    }

    /** Takes the newest unexpired TLS 1.2 session for the server whose suite we still offer, or returns null. */
    static Tls12SessionOffer choose(TlsConfig config, long nowMillis) {
        SessionTicketStore store = config.sessionTicketStore();
        if (!config.enabled(ProtocolVersion.TLS_1_2) || store == null) {
            return null;
        }
        Tls12SessionState session = store.takeTls12(config.serverName(), nowMillis,
                s -> config.cipherSuites(ProtocolVersion.TLS_1_2).contains(s.cipherSuite()) && (config.tls12Tickets() || !s.hasTicket()));
        if (session == null) {
            return null;
        }
        byte[] sessionId = session.sessionId();
        if (session.hasTicket()) {
            sessionId = new byte[TICKET_SESSION_ID_LENGTH];
            config.random().nextBytes(sessionId);
        }
        return new Tls12SessionOffer(session, sessionId);
    }

    /**
     * The session_ticket extension (RFC 5077 §3.2): the offered ticket, or empty to ask for one; null
     * when the client keeps no sessions, uses no TLS 1.2 tickets or does not offer TLS 1.2.
     */
    static Extension sessionTicketExtension(TlsConfig config, Tls12SessionOffer offer) {
        if (!config.enabled(ProtocolVersion.TLS_1_2) || config.sessionTicketStore() == null || !config.tls12Tickets()) {
            return null;
        }
        return new Extension(ExtensionType.SESSION_TICKET, offer == null ? new byte[0] : offer.session.ticket());
    }

    Tls12SessionState session() {
        return session;
    }

    /** The legacy_session_id to send. */
    byte[] sessionId() {
        return sessionId;
    }

    /** The server chose TLS 1.3, so the session was not used: it stays in the store. */
    void putBack(TlsConfig config) {
        config.sessionTicketStore().addTls12(session);
    }

    /**
     * After the server's Finished verified: keeps the session for resumption, if it used the extended
     * master secret (RFC 7627 §5.3: we only resume such sessions) and the server gave a session_id or a
     * ticket. A ticket received in this handshake replaces the offered one; without one a resumed
     * session keeps its ticket and its original lifetime (RFC 5077 §3.3).
     *
     * @param resumed the session this handshake resumed, or null after a full handshake
     */
    static void remember(HandshakeContext context, SessionDetails details, Tls12Parameters parameters, byte[] masterSecret,
            Tls12SessionState resumed) {
        TlsConfig config = context.config();
        if (config.sessionTicketStore() == null || !parameters.extendedMasterSecret()) {
            return;
        }
        long now = System.currentTimeMillis();
        NewSessionTicket12 received = details.newSessionTicket12;
        byte[] ticket = new byte[0];
        long lifetime = Tls12SessionState.MAX_LIFETIME_SECONDS;
        long since = now;
        if (received != null) {
            ticket = received.ticket();
            if (received.lifetimeHintSeconds() != 0) {
                lifetime = Math.min(received.lifetimeHintSeconds(), Tls12SessionState.MAX_LIFETIME_SECONDS);
            }
        } else if (resumed != null) {
            ticket = resumed.ticket();
            lifetime = resumed.lifetimeSeconds();
            since = resumed.receivedAtMillis();
        }
        if (ticket.length == 0 && parameters.sessionId().length == 0) {
            return; // RFC 5246 §7.4.1.3: an empty session_id means the session will not be cached
        }
        Tls12SessionState session = new Tls12SessionState(config.serverName(), parameters.suite(), masterSecret, parameters.sessionId(), ticket,
                details.peerCertificates, details.applicationProtocol, lifetime, since);
        config.sessionTicketStore().addTls12(session);
        context.kept(session);
    }
}
