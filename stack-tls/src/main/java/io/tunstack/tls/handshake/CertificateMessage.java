package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
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

    /** A TLS 1.3 Certificate with the request context (empty from a server); each entry without extensions. An empty chain is allowed. */
    public static HandshakeMessage encode13(byte[] requestContext, List<byte[]> chain) {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE, new ByteWriter().opaque(1, requestContext)
                .vector(3, w -> chain.forEach(der -> w.opaque(3, der).u16(0))).toByteArray());
    }

    /** A TLS 1.2 client Certificate; empty when the client has no suitable certificate (RFC 5246 §7.4.6). */
    public static HandshakeMessage encode12(List<byte[]> chain) {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE, new ByteWriter().vector(3, w -> chain.forEach(der -> w.opaque(3, der))).toByteArray());
    }

    /** The DER encodings of a chain, to send. */
    public static List<byte[]> encoded(List<X509Certificate> chain) throws TlsException {
        List<byte[]> encoded = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            try {
                encoded.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot encode our certificate", e);
            }
        }
        return encoded;
    }

    /** "CN=leaf, 2 certificates", for traces. */
    public static String describe(List<X509Certificate> chain) {
        return chain.get(0).getSubjectX500Principal().getName() + ", " + chain.size() + (chain.size() == 1 ? " certificate" : " certificates");
    }

    /** The chain as X.509 certificates, leaf first; an empty chain is decode_error (RFC 8446 §4.4.2.4). */
    public List<X509Certificate> x509Chain() throws TlsException {
        if (certificates.isEmpty()) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "peer sent an empty certificate chain");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : certificates) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            return chain;
        } catch (CertificateException | ClassCastException e) {
            throw new TlsException(AlertDescription.BAD_CERTIFICATE, "unparseable peer certificate", e);
        }
    }
}
