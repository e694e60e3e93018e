package io.tunstack.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS 1.2 client keeps to resume a session with an abbreviated handshake (RFC 5246 §7.4.1.2,
 * §7.3): the master secret and what it was negotiated with, and how the server will find it again,
 * by session_id or by the RFC 5077 ticket it issued. Only sessions that used the extended master
 * secret are kept (RFC 7627 §5.3), so resumption always asks for it.
 *
 * @param serverName the configured server name, the store's key (as for TLS 1.3 tickets)
 * @param sessionId the session_id the server gave, empty if none (a server that only issues tickets)
 * @param ticket the opaque RFC 5077 ticket, empty if none
 * @param peerCertificates the server's chain, as verified in the full handshake
 * @param applicationProtocol the ALPN protocol of the full handshake, or null
 * @param receivedAtMillis wall-clock time the session was established or its ticket received
 */
public record Tls12SessionState(
        String serverName,
        CipherSuite cipherSuite,
        byte[] masterSecret,
        byte[] sessionId,
        byte[] ticket,
        List<X509Certificate> peerCertificates,
        String applicationProtocol,
        long lifetimeSeconds,
        long receivedAtMillis) {

    /** RFC 5246 §7.4.1.2 suggests 24 hours as the upper limit of a session's life; also the limit for a ticket's hint. */
    public static final long MAX_LIFETIME_SECONDS = 86400;

    public boolean expired(long nowMillis) {
        return nowMillis - receivedAtMillis >= lifetimeSeconds * 1000;
    }

    /** Whether an RFC 5077 ticket stands for the session (else its session_id does). */
    public boolean hasTicket() {
        return ticket.length > 0;
    }
}
