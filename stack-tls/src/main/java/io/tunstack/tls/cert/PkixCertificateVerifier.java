package io.tunstack.tls.cert;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Validates a TLS server's certificate chain with the JDK's PKIX {@link CertPathValidator} when
 * the chain as sent is a path to an anchor, else with its {@link CertPathBuilder} (RFC 5280 §6),
 * then checks the leaf's key usages and the server name.
 *
 * <p>Order of checks, so each defect is reported as itself: empty chain; path building from the
 * leaf through the certificates the server sent (in any order, extras ignored, RFC 8446 §4.4.2)
 * to a {@link TrustStore} anchor, which checks signatures, validity dates, basicConstraints,
 * pathLenConstraint, CA keyUsage, nameConstraints and algorithm constraints; on failure
 * {@link ChainDiagnosis} names the reason. Then the leaf's keyUsage/extendedKeyUsage
 * ({@link LeafUsageChecker}), then the host name ({@link HostnameVerifier}).
 *
 * <p>Revocation checking (CRL/OCSP) is <b>off</b>: no network fetches from inside the stack, and
 * OCSP stapling is not wired in. A revoked certificate is therefore accepted.
 */
public final class PkixCertificateVerifier implements CertificateVerifier {

    private final TrustStore trustStore;
    private final Clock clock;
    private final ChainDiagnosis diagnosis;
    private final LeafUsageChecker usageChecker = new LeafUsageChecker();
    private final HostnameVerifier hostnameVerifier = new HostnameVerifier();

    /** Validates at the current system time. */
    public PkixCertificateVerifier(TrustStore trustStore) {
        this(trustStore, Clock.systemUTC());
    }

    /** Validates at the instant {@code clock} reports when {@code verify} is called. */
    public PkixCertificateVerifier(TrustStore trustStore, Clock clock) {
        this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.diagnosis = new ChainDiagnosis(trustStore);
    }

    /**
     * Verifies for a key exchange in which the server signs (TLS 1.3, TLS 1.2 (EC)DHE). TLS 1.2
     * static-RSA callers use {@link #verify(List, String, KeyExchangeKind)}.
     */
    @Override
    public void verify(List<X509Certificate> chain, String serverName) throws CertificateValidationException {
        verify(chain, serverName, KeyExchangeKind.SIGNATURE);
    }

    /** Verifies the chain, requiring the leaf keyUsage that {@code kind} needs. */
    public void verify(List<X509Certificate> chain, String serverName, KeyExchangeKind kind)
            throws CertificateValidationException {
        // RFC 8446 §4.4.2.4: an empty Certificate message aborts with decode_error.
        if (chain == null || chain.isEmpty()) {
            throw new CertificateValidationException(Reason.EMPTY_CHAIN, "server sent no certificate", null);
        }
        X509Certificate leaf = chain.get(0);
        buildPath(chain, Date.from(clock.instant()));
        usageChecker.check(leaf, kind);
        hostnameVerifier.verify(leaf, serverName);
    }

    private void buildPath(List<X509Certificate> chain, Date date) throws CertificateValidationException {
        if (validatesAsSent(chain, date)) {
            return;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustStore.anchors(), target);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            params.setRevocationEnabled(false);
            params.setDate(date);
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (CertPathBuilderException e) {
            throw diagnosis.explain(chain, date, e);
        } catch (GeneralSecurityException e) {
            throw new CertificateValidationException(Reason.OTHER, "PKIX unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The usual case first: the certificates as sent, leaf first, each issued by the next (the order RFC 8446 §4.4.2
     * asks senders for), up to the first one a trust anchor issued. Validating that one path is a fraction of the
     * work of building one. A chain in any other order, or whose path as sent does not validate, goes to the builder,
     * which also explains failures; so this accepts nothing the builder would reject.
     */
    private boolean validatesAsSent(List<X509Certificate> chain, Date date) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (!path.isEmpty() && !path.get(path.size() - 1).getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
                return false;
            }
            path.add(certificate);
            if (!trustStore.withSubject(certificate.getIssuerX500Principal()).isEmpty()) {
                try {
                    PKIXParameters params = new PKIXParameters(trustStore.anchors());
                    params.setRevocationEnabled(false);
                    params.setDate(date);
                    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
                    return true;
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
