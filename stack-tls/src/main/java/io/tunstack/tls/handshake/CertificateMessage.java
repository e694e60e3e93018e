package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A Certificate message (RFC 8446 §4.4.2 for TLS 1.3, RFC 5246 §7.4.2 for TLS 1.2). */
public record CertificateMessage(byte[] requestContext, List<byte[]> certificates) {

    /** TLS 1.3: context, then CertificateEntry { cert_data<1..2^24-1>, extensions<0..2^16-1> }. */
    public static CertificateMessage decode13(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        byte[] context = r.vector8(0);
        ByteReader list = r.sub(3);
        r.expectEnd("Certificate");
        List<byte[]> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            certs.add(list.vector24(1));
            list.vector16(0);
        }
        return new CertificateMessage(context, certs);
    }

    /** TLS 1.2: ASN.1Cert certificate_list<0..2^24-1>. */
    public static CertificateMessage decode12(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        ByteReader list = r.sub(3);
        r.expectEnd("Certificate");
        List<byte[]> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            certs.add(list.vector24(1));
        }
        return new CertificateMessage(new byte[0], certs);
    }

    /** An empty TLS 1.3 Certificate answering a CertificateRequest with this context. */
    public static HandshakeMessage empty13(byte[] requestContext) {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE,
                new ByteWriter().opaque(1, requestContext).u24(0).toByteArray());
    }

    /** An empty TLS 1.2 Certificate (RFC 5246 §7.4.6: sent when the client has no suitable certificate). */
    public static HandshakeMessage empty12() {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE, new ByteWriter().u24(0).toByteArray());
    }

    /** The chain as X.509 certificates, leaf first; an empty chain is decode_error (RFC 8446 §4.4.2.4). */
    public List<X509Certificate> x509Chain() throws TlsException {
        if (certificates.isEmpty()) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "server sent an empty certificate chain");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : certificates) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            return chain;
        } catch (CertificateException | ClassCastException e) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE, "unparseable server certificate", e);
        }
    }
}
