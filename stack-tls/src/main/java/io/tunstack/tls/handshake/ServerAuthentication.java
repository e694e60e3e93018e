package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.cert.CertificateValidationException;
import io.tunstack.tls.cert.CertificateVerifier;
import io.tunstack.tls.cert.KeyExchangeKind;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureVerifier;
import io.tunstack.tls.record.AlertDescription;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Checks the server's certificate chain and its handshake signatures. */
final class ServerAuthentication {

    private ServerAuthentication() {
    }

    /**
     * Runs the configured verifier (unless insecure) and maps its failure to the alert it names.
     * {@code kind} tells a {@link PkixCertificateVerifier} which keyUsage the leaf needs: static RSA
     * key transport needs keyEncipherment, every signing key exchange digitalSignature.
     */
    static void verifyChain(HandshakeContext context, List<X509Certificate> chain, KeyExchangeKind kind) throws TlsException {
        context.record(HandshakeEvent.CERTIFICATE_RECEIVED, () -> CertificateMessage.describe(chain));
        CertificateVerifier verifier = context.config().certificateVerifier();
        if (verifier != null) {
            try {
                if (verifier instanceof PkixCertificateVerifier pkix) {
                    pkix.verify(chain, context.config().serverName(), kind);
                } else {
                    verifier.verify(chain, context.config().serverName());
                }
            } catch (CertificateValidationException e) {
                AlertDescription alert = AlertDescription.fromCode(e.alert());
                throw new TlsException(alert == null ? AlertDescription.BAD_CERTIFICATE : alert,
                        "server certificate rejected: " + e.getMessage(), e);
            }
        }
        context.record(HandshakeEvent.CERTIFICATE_VERIFIED, () -> verifier == null ? "NOT verified (insecure)" : "accepted for " + context.config().serverName());
    }

    /** The scheme for {@code code}, which must be one we offered (RFC 8446 §4.4.3), else illegal_parameter. */
    static SignatureScheme offeredScheme(HandshakeContext context, int code) throws TlsException {
        SignatureScheme scheme = SignatureScheme.fromCode(code);
        if (scheme == null || !context.config().signatureSchemes().contains(scheme)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("server used signature scheme 0x%04x we did not offer", code));
        }
        return scheme;
    }

    /** Verifies a handshake signature; failure is decrypt_error (RFC 8446 §4.4.3, RFC 5246 §7.4.3). */
    static void verifySignature(SignatureScheme scheme, PublicKey key, byte[] signed, byte[] signature) throws TlsException {
        if (!SignatureVerifier.verify(scheme, key, signed, signature)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "server signature (" + scheme.ianaName() + ") does not verify");
        }
    }
}
