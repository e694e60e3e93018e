package io.tunstack.tls.cert;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;

/** Translates a {@link CertPathValidatorException}'s reason code into a {@link Reason}. */
final class PkixFailureMapper {

    private PkixFailureMapper() {
    }

    static CertificateValidationException map(CertPathValidatorException e) {
        Reason reason = reasonFor(e.getReason());
        return new CertificateValidationException(reason, describe(reason, e), e);
    }

    private static Reason reasonFor(CertPathValidatorException.Reason pkixReason) {
        if (pkixReason instanceof BasicReason) {
            switch ((BasicReason) pkixReason) {
                case EXPIRED:
                    return Reason.EXPIRED;
                case NOT_YET_VALID:
                    return Reason.NOT_YET_VALID;
                case INVALID_SIGNATURE:
                    return Reason.BAD_SIGNATURE;
                case ALGORITHM_CONSTRAINED:
                    return Reason.WEAK_ALGORITHM;
                default:
                    // REVOKED / UNDETERMINED_REVOCATION_STATUS cannot occur: revocation is off.
                    return Reason.OTHER;
            }
        }
        if (pkixReason instanceof PKIXReason) {
            switch ((PKIXReason) pkixReason) {
                case NOT_CA_CERT:
                    return Reason.NOT_A_CA;
                case PATH_TOO_LONG:
                    return Reason.PATH_LENGTH_EXCEEDED;
                case INVALID_KEY_USAGE:
                    return Reason.BAD_KEY_USAGE;
                case UNRECOGNIZED_CRIT_EXT:
                    return Reason.UNRECOGNIZED_CRITICAL_EXTENSION;
                case INVALID_NAME:
                    return Reason.NAME_CONSTRAINTS_VIOLATION;
                case NO_TRUST_ANCHOR:
                    return Reason.UNKNOWN_CA;
                default:
                    return Reason.OTHER;
            }
        }
        return Reason.OTHER;
    }

    private static String describe(Reason reason, CertPathValidatorException e) {
        CertPath path = e.getCertPath();
        int index = e.getIndex();
        String subject = path != null && index >= 0 && index < path.getCertificates().size()
                ? " at " + ((X509Certificate) path.getCertificates().get(index))
                        .getSubjectX500Principal()
                : "";
        return reason + subject + ": " + e.getMessage();
    }
}
