package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import java.util.List;

/** The ClientHello (RFC 8446 §4.1.2); legacy_version 0x0303 and only the null compression method. */
public record ClientHello(byte[] random, byte[] legacySessionId, List<CipherSuite> cipherSuites, List<Extension> extensions) {

    public HandshakeMessage encode() {
        byte[] body = new ByteWriter()
                .u16(0x0303)
                .bytes(random)
                .opaque(1, legacySessionId)
                .vector(2, w -> cipherSuites.forEach(s -> w.u16(s.code())))
                .vector(1, w -> w.u8(0))
                .extensions(extensions)
                .toByteArray();
        return HandshakeMessage.of(HandshakeType.CLIENT_HELLO, body);
    }
}
