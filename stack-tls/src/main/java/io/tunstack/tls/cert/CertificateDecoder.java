package io.tunstack.tls.cert;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the DER {@code cert_data} entries of a TLS Certificate message (RFC 8446 §4.4.2,
 * RFC 5246 §7.4.2) into {@link X509Certificate}s, keeping their order.
 */
public final class CertificateDecoder {

    /**
     * @throws CertificateValidationException {@link Reason#MALFORMED} if an entry is not exactly
     *     one DER X.509 certificate
     */
    public List<X509Certificate> decode(List<byte[]> derCertificates) throws CertificateValidationException {
        List<X509Certificate> certs = new ArrayList<>(derCertificates.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < derCertificates.size(); i++) {
                byte[] der = derCertificates.get(i);
                ByteArrayInputStream in = new ByteArrayInputStream(der);
                X509Certificate cert = (X509Certificate) factory.generateCertificate(in);
                if (in.available() != 0) {
                    throw new CertificateException("certificate " + i + " has " + in.available() + " trailing bytes");
                }
                certs.add(cert);
            }
        } catch (CertificateException | ClassCastException e) {
            throw new CertificateValidationException(Reason.MALFORMED, "undecodable server certificate: " + e.getMessage(), e);
        }
        return certs;
    }
}
