package io.tunstack.tls.cert;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks that a server's end-entity certificate may be used for the TLS handshake: its keyUsage
 * (RFC 5280 §4.2.1.3) allows the key exchange and its extendedKeyUsage (RFC 5280 §4.2.1.12)
 * allows TLS server authentication. Both extensions are optional; an absent one restricts
 * nothing.
 */
public final class LeafUsageChecker {

    /** id-kp-serverAuth, RFC 5280 §4.2.1.12. */
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** anyExtendedKeyUsage, RFC 5280 §4.2.1.12; accepted like serverAuth, as the RFC allows. */
    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    /**
     * @throws CertificateValidationException {@link Reason#BAD_KEY_USAGE},
     *     {@link Reason#BAD_EXTENDED_KEY_USAGE}, or {@link Reason#MALFORMED} if the EKU extension
     *     does not decode
     */
    public void check(X509Certificate leaf, KeyExchangeKind kind) throws CertificateValidationException {
        checkKeyUsage(leaf, kind);
        checkExtendedKeyUsage(leaf);
    }

    private static void checkKeyUsage(X509Certificate leaf, KeyExchangeKind kind)
            throws CertificateValidationException {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= kind.keyUsageBit() || !keyUsage[kind.keyUsageBit()])) {
            throw new CertificateValidationException(Reason.BAD_KEY_USAGE,
                    "server certificate keyUsage lacks " + kind.keyUsageName() + ", needed for " + kind, null);
        }
    }

    private static void checkExtendedKeyUsage(X509Certificate leaf) throws CertificateValidationException {
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateValidationException(Reason.MALFORMED, "undecodable extendedKeyUsage extension", e);
        }
        if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new CertificateValidationException(Reason.BAD_EXTENDED_KEY_USAGE,
                    "server certificate extendedKeyUsage " + eku + " does not include serverAuth", null);
        }
    }
}
