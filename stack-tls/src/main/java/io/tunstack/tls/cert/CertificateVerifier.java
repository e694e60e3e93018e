package io.tunstack.tls.cert;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether the certificate chain a TLS server presented is acceptable for the name the
 * client connected to. Implementations throw rather than return a verdict so that the failure
 * reason and the alert to send (RFC 8446 §6.2) travel together.
 */
public interface CertificateVerifier {

    /**
     * @param chain the server's certificates as sent, leaf first
     * @param serverName DNS name or IP literal the client connected to
     * @throws CertificateValidationException if the chain is not acceptable
     */
    void verify(List<X509Certificate> chain, String serverName) throws CertificateValidationException;
}
