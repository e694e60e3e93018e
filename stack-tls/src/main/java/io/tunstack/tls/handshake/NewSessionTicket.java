package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.util.List;

/** A TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1). */
public record NewSessionTicket(long lifetimeSeconds, long ageAdd, byte[] nonce, byte[] ticket, Extensions extensions) {

    /** Seven days, the longest lifetime a server may give (RFC 8446 §4.6.1). */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    /** A NewSessionTicket without extensions (no early data is offered). */
    public static HandshakeMessage encode(long lifetimeSeconds, long ageAdd, byte[] nonce, byte[] ticket) {
        return HandshakeMessage.of(HandshakeType.NEW_SESSION_TICKET, new ByteWriter().u32(lifetimeSeconds).u32(ageAdd)
                .opaque(1, nonce).opaque(2, ticket).extensions(List.of()).toByteArray());
    }

    public static NewSessionTicket decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        long lifetime = r.u32();
        long ageAdd = r.u32();
        byte[] nonce = r.vector8(0);
        byte[] ticket = r.vector16(1);
        Extensions extensions = Extensions.read(r);
        r.expectEnd("NewSessionTicket");
        if (lifetime > MAX_LIFETIME_SECONDS) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ticket_lifetime above 7 days");
        }
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions);
    }
}
