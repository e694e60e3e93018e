package io.tunstack.tls.cert;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * A server certificate chain was rejected. Carries a machine-readable {@link Reason} and the TLS
 * alert the client must send for it.
 *
 * <p>Alert choice follows the descriptions in RFC 8446 §6.2:
 * <ul>
 *   <li>certificate_expired (45) "has expired or is not currently valid" — both ends of the
 *       validity window;</li>
 *   <li>unknown_ca (48) "the CA certificate could not be located or could not be matched with a
 *       known trust anchor" — unknown CA, self-signed leaf, missing intermediate;</li>
 *   <li>bad_certificate (42) "corrupt, contained signatures that did not verify" — bad
 *       signatures and undecodable certificates;</li>
 *   <li>certificate_unknown (46) "some other (unspecified) issue ... rendering it unacceptable" —
 *       well-formed certificates that are not acceptable for this use: wrong host name, issuer not
 *       a CA, path length exceeded, key usage and extended key usage violations;</li>
 *   <li>unsupported_certificate (43), RFC 8446 §4.4.2.2's default for a chain the client cannot
 *       accept — used for forbidden (weak) algorithms and key sizes;</li>
 *   <li>decode_error (50) for an empty chain, as RFC 8446 §4.4.2.4 requires of a client that
 *       receives an empty Certificate message.</li>
 * </ul>
 */
public class CertificateValidationException extends CertificateException {

    private static final long serialVersionUID = 1L;

    /** TLS AlertDescription codes, RFC 8446 §6.2. */
    private static final int ALERT_BAD_CERTIFICATE = 42;
    private static final int ALERT_UNSUPPORTED_CERTIFICATE = 43;
    private static final int ALERT_CERTIFICATE_EXPIRED = 45;
    private static final int ALERT_CERTIFICATE_UNKNOWN = 46;
    private static final int ALERT_UNKNOWN_CA = 48;
    private static final int ALERT_DECODE_ERROR = 50;

    /** Why the chain was rejected. */
    public enum Reason {
        EXPIRED(ALERT_CERTIFICATE_EXPIRED),
        NOT_YET_VALID(ALERT_CERTIFICATE_EXPIRED),
        HOSTNAME_MISMATCH(ALERT_CERTIFICATE_UNKNOWN),
        UNKNOWN_CA(ALERT_UNKNOWN_CA),
        SELF_SIGNED(ALERT_UNKNOWN_CA),
        MISSING_INTERMEDIATE(ALERT_UNKNOWN_CA),
        NOT_A_CA(ALERT_CERTIFICATE_UNKNOWN),
        PATH_LENGTH_EXCEEDED(ALERT_CERTIFICATE_UNKNOWN),
        BAD_KEY_USAGE(ALERT_CERTIFICATE_UNKNOWN),
        BAD_EXTENDED_KEY_USAGE(ALERT_CERTIFICATE_UNKNOWN),
        /** A critical extension the validator does not understand (RFC 5280 §4.2). */
        UNRECOGNIZED_CRITICAL_EXTENSION(ALERT_CERTIFICATE_UNKNOWN),
        /** A subject or subjectAltName outside an issuer's nameConstraints (RFC 5280 §4.2.1.10). */
        NAME_CONSTRAINTS_VIOLATION(ALERT_CERTIFICATE_UNKNOWN),
        /** A signature algorithm or key size the JDK's {@code jdk.certpath.disabledAlgorithms} forbids. */
        WEAK_ALGORITHM(ALERT_UNSUPPORTED_CERTIFICATE),
        BAD_SIGNATURE(ALERT_BAD_CERTIFICATE),
        EMPTY_CHAIN(ALERT_DECODE_ERROR),
        MALFORMED(ALERT_BAD_CERTIFICATE),
        /** Any other PKIX failure that does not map to a more specific reason. */
        OTHER(ALERT_CERTIFICATE_UNKNOWN);

        private final int alert;

        Reason(int alert) {
            this.alert = alert;
        }

        /** @return the TLS AlertDescription code for this reason (RFC 8446 §6.2) */
        public int alert() {
            return alert;
        }
    }

    private final Reason reason;

    public CertificateValidationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The TLS AlertDescription code to send (RFC 8446 §6.2): bad_certificate 42,
     * unsupported_certificate 43, certificate_expired 45, certificate_unknown 46, unknown_ca 48, decode_error 50.
     */
    public int alert() {
        return reason.alert();
    }
}
