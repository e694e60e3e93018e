package io.tunstack.tls.interop;

import io.tunstack.tls.cert.CertificateValidationException;
import io.tunstack.tls.cert.CertificateValidationException.Reason;
import io.tunstack.tls.cert.CertificateVerifier;
import java.security.cert.X509Certificate;
import java.util.List;

/** Test-only verifier: accepts exactly one leaf certificate (stand-in until the real validator is wired in). */
final class PinnedCertificateVerifier implements CertificateVerifier {

    private final X509Certificate expectedLeaf;

    PinnedCertificateVerifier(X509Certificate expectedLeaf) {
        this.expectedLeaf = expectedLeaf;
    }

    @Override
    public void verify(List<X509Certificate> chain, String serverName) throws CertificateValidationException {
        if (chain.isEmpty() || !chain.get(0).equals(expectedLeaf)) {
            throw new CertificateValidationException(Reason.UNKNOWN_CA, "leaf is not the pinned certificate", null);
        }
    }
}
