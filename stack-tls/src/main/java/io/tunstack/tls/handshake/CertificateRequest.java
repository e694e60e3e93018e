package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/** A CertificateRequest; the client only needs the TLS 1.3 request context to answer it with no certificate. */
public record CertificateRequest(byte[] requestContext) {

    /** TLS 1.3 (RFC 8446 §4.3.2): certificate_request_context<0..2^8-1>, extensions<2..2^16-1>. */
    public static CertificateRequest decode13(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        byte[] context = r.vector8(0);
        Extensions.read(r);
        r.expectEnd("CertificateRequest");
        return new CertificateRequest(context);
    }

    /**
     * TLS 1.2 (RFC 5246 §7.4.4): certificate_types<1..2^8-1>,
     * supported_signature_algorithms<2..2^16-2>, certificate_authorities<0..2^16-1>.
     */
    public static CertificateRequest decode12(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        r.vector8(1);
        r.vector16(2);
        r.vector16(0);
        r.expectEnd("CertificateRequest");
        return new CertificateRequest(new byte[0]);
    }
}
