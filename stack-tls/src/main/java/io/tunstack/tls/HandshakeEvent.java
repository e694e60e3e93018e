package io.tunstack.tls;

/**
 * Steps of the client or server handshake, reported to a {@link TlsHandshakeListener} and timed in a
 * {@link HandshakeTimeline}. Which steps occur depends on the side, the version and the peer; the
 * CHANGE_CIPHER_SPEC and KEY_EXCHANGE steps are TLS 1.2 only, ENCRYPTED_EXTENSIONS and KEY_UPDATE TLS 1.3
 * only; NEW_SESSION_TICKET is after the handshake in TLS 1.3, before the server's ChangeCipherSpec in TLS 1.2
 * (RFC 5077 §3.3). A resumed TLS 1.2 handshake has no CERTIFICATE_* and no KEY_EXCHANGE steps. CERTIFICATE_* steps name the side's own certificate when SENT and the
 * peer's when RECEIVED/VERIFIED.
 */
public enum HandshakeEvent {
    CLIENT_HELLO_SENT,
    HELLO_RETRY_REQUEST_RECEIVED,
    SERVER_HELLO_RECEIVED,
    ENCRYPTED_EXTENSIONS_RECEIVED,
    CERTIFICATE_RECEIVED,
    /** The server's chain was accepted by the configured verifier (or not checked: insecure). */
    CERTIFICATE_VERIFIED,
    /** TLS 1.3: the server's CertificateVerify signature checked out. */
    CERTIFICATE_VERIFY_RECEIVED,
    SERVER_KEY_EXCHANGE_RECEIVED,
    CERTIFICATE_REQUEST_RECEIVED,
    SERVER_HELLO_DONE_RECEIVED,
    /** The client's Certificate (possibly empty) answering a CertificateRequest. */
    CERTIFICATE_SENT,
    CLIENT_KEY_EXCHANGE_SENT,
    /** The client's CertificateVerify, proving possession of its certificate's key. */
    CERTIFICATE_VERIFY_SENT,
    CHANGE_CIPHER_SPEC_SENT,
    CLIENT_FINISHED_SENT,
    CHANGE_CIPHER_SPEC_RECEIVED,
    SERVER_FINISHED_RECEIVED,
    NEW_SESSION_TICKET_RECEIVED,
    KEY_UPDATE_SENT,
    KEY_UPDATE_RECEIVED,
    /** Server side from here on. */
    CLIENT_HELLO_RECEIVED,
    HELLO_RETRY_REQUEST_SENT,
    SERVER_HELLO_SENT,
    ENCRYPTED_EXTENSIONS_SENT,
    CERTIFICATE_REQUEST_SENT,
    SERVER_FINISHED_SENT,
    CLIENT_FINISHED_RECEIVED,
    NEW_SESSION_TICKET_SENT,
    SERVER_KEY_EXCHANGE_SENT,
    SERVER_HELLO_DONE_SENT,
    CLIENT_KEY_EXCHANGE_RECEIVED
}
