package io.tunstack.tls.cert;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Explains why {@link java.security.cert.CertPathBuilder} found no valid path. The JDK's builder
 * only says "unable to find valid certification path", so this walks the sent chain by issuer
 * name from the leaf:
 *
 * <ul>
 *   <li>it reaches a trust anchor: the candidate path is run through {@link CertPathValidator},
 *       whose {@code BasicReason}/{@code PKIXReason} names the defect (expired, not a CA, path too
 *       long, bad signature, ...);</li>
 *   <li>it ends at the leaf, which is self-issued: {@link Reason#SELF_SIGNED};</li>
 *   <li>it ends at another self-issued certificate (a root the server sent) that is not trusted:
 *       {@link Reason#UNKNOWN_CA};</li>
 *   <li>it ends at a certificate whose issuer is neither sent nor trusted:
 *       {@link Reason#MISSING_INTERMEDIATE}. Without fetching AIA caIssuers this cannot be told
 *       apart from a leaf issued directly by an unknown root; both send unknown_ca.</li>
 * </ul>
 */
final class ChainDiagnosis {

    private final TrustStore trustStore;

    ChainDiagnosis(TrustStore trustStore) {
        this.trustStore = trustStore;
    }

    CertificateValidationException explain(List<X509Certificate> chain, Date date, CertPathBuilderException buildFailure) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = chain.get(0);
        while (true) {
            if (!path.isEmpty() && trustStore.contains(current)) {
                return validate(path, current, date, buildFailure);
            }
            path.add(current);
            X500Principal issuer = current.getIssuerX500Principal();
            List<X509Certificate> anchors = trustStore.withSubject(issuer);
            if (!anchors.isEmpty()) {
                return validate(path, preferSigner(anchors, current), date, buildFailure);
            }
            if (issuer.equals(current.getSubjectX500Principal())) {
                return path.size() == 1
                        ? failure(Reason.SELF_SIGNED, "server certificate " + issuer + " is self-signed and not trusted", buildFailure)
                        : failure(Reason.UNKNOWN_CA, "chain ends at untrusted root " + issuer, buildFailure);
            }
            List<X509Certificate> candidates = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!path.contains(c) && c.getSubjectX500Principal().equals(issuer)) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                return failure(Reason.MISSING_INTERMEDIATE,
                        "issuer " + issuer + " of " + current.getSubjectX500Principal() + " was not sent and is not trusted",
                        buildFailure);
            }
            current = preferSigner(candidates, current);
        }
    }

    /** The candidate whose key verifies {@code subject}'s signature, else the first. */
    private static X509Certificate preferSigner(List<X509Certificate> candidates, X509Certificate subject) {
        for (X509Certificate c : candidates) {
            try {
                subject.verify(c.getPublicKey());
                return c;
            } catch (GeneralSecurityException e) {
                // not this one; a wrong signer is reported by the validator as INVALID_SIGNATURE
            }
        }
        return candidates.get(0);
    }

    private static CertificateValidationException validate(List<X509Certificate> path, X509Certificate anchor, Date date,
            CertPathBuilderException buildFailure) {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setRevocationEnabled(false);
            params.setDate(date);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            return PkixFailureMapper.map(e);
        } catch (CertificateException | NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            return failure(Reason.OTHER, "cannot validate candidate path: " + e.getMessage(), e);
        }
        return failure(Reason.OTHER, "no valid certification path: " + buildFailure.getMessage(), buildFailure);
    }

    private static CertificateValidationException failure(Reason reason, String message, Throwable cause) {
        return new CertificateValidationException(reason, message, cause);
    }
}
