package io.tunstack.tls;

import io.tunstack.tls.cert.CertificateValidationException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a client's certificate chain is acceptable to a {@link TlsServer}. Throws rather
 * than returns a verdict so that the reason and the alert to send (RFC 8446 §6.2) travel together.
 */
@FunctionalInterface
public interface ClientCertificateVerifier {

    /**
     * @param chain the client's certificates as sent, leaf first (never empty)
     * @throws CertificateValidationException if the chain is not acceptable
     */
    void verify(List<X509Certificate> chain) throws CertificateValidationException;
}
