package io.tunstack.tls;

/** Steps of the client handshake whose times are recorded in a {@link HandshakeTimeline}. */
public enum HandshakeEvent {
    CLIENT_HELLO_SENT,
    HELLO_RETRY_REQUEST_RECEIVED,
    SERVER_HELLO_RECEIVED,
    CERTIFICATE_VERIFIED,
    SERVER_FINISHED_RECEIVED,
    CLIENT_FINISHED_SENT
}
