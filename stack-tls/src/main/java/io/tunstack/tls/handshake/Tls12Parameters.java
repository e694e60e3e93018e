package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;

/**
 * What the TLS 1.2 states after ServerHello share.
 *
 * @param sessionId the session_id of the ServerHello (empty: the session is not cached by ID)
 * @param newSessionTicket the ServerHello carried session_ticket, so a NewSessionTicket comes before the server's
 *     ChangeCipherSpec (RFC 5077 §3.2-3.3)
 */
record Tls12Parameters(CipherSuite suite, byte[] clientRandom, byte[] serverRandom, boolean extendedMasterSecret, byte[] sessionId,
        boolean newSessionTicket) {
}
