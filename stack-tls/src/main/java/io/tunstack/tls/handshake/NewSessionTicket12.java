package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/**
 * A TLS 1.2 NewSessionTicket (RFC 5077 §3.3): a lifetime hint in seconds (0: unspecified) and the
 * opaque ticket; an empty ticket means the server issues none after all.
 */
record NewSessionTicket12(long lifetimeHintSeconds, byte[] ticket) {

    static HandshakeMessage encode(long lifetimeHintSeconds, byte[] ticket) {
        return HandshakeMessage.of(HandshakeType.NEW_SESSION_TICKET, new ByteWriter().u32(lifetimeHintSeconds).opaque(2, ticket).toByteArray());
    }

    static NewSessionTicket12 decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        long lifetimeHint = r.u32();
        byte[] ticket = r.vector16(0);
        r.expectEnd("NewSessionTicket");
        return new NewSessionTicket12(lifetimeHint, ticket);
    }
}
