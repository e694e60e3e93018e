package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/** CertificateVerify { SignatureScheme algorithm; opaque signature<0..2^16-1>; } (RFC 8446 §4.4.3). */
public record CertificateVerify(int scheme, byte[] signature) {

    public static CertificateVerify decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int scheme = r.u16();
        byte[] signature = r.vector16(0);
        r.expectEnd("CertificateVerify");
        return new CertificateVerify(scheme, signature);
    }
}
