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
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** Checks the server's certificate chain and its handshake signatures. */
final class ServerAuthentication {

    private static final byte[] SERVER_CERTIFICATE_VERIFY_CONTEXT =
            "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private ServerAuthentication() {
    }

    /**
     * Runs the configured verifier (unless insecure) and maps its failure to the alert it names.
     * {@code kind} tells a {@link PkixCertificateVerifier} which keyUsage the leaf needs: static RSA
     * key transport needs keyEncipherment, every signing key exchange digitalSignature.
     */
    static void verifyChain(HandshakeContext context, List<X509Certificate> chain, KeyExchangeKind kind) throws TlsException {
        context.record(HandshakeEvent.CERTIFICATE_RECEIVED, describe(chain));
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
        context.record(HandshakeEvent.CERTIFICATE_VERIFIED,
                verifier == null ? "NOT verified (insecure)" : "accepted for " + context.config().serverName());
    }

    /** "CN=leaf, 2 certificates" for traces. */
    static String describe(List<X509Certificate> chain) {
        return chain.get(0).getSubjectX500Principal().getName() + ", " + chain.size() + (chain.size() == 1 ? " certificate" : " certificates");
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

    /** RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, then the transcript hash. */
    static byte[] certificateVerifyContent(byte[] transcriptHash) {
        byte[] content = new byte[64 + SERVER_CERTIFICATE_VERIFY_CONTEXT.length + 1 + transcriptHash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(SERVER_CERTIFICATE_VERIFY_CONTEXT, 0, content, 64, SERVER_CERTIFICATE_VERIFY_CONTEXT.length);
        System.arraycopy(transcriptHash, 0, content, content.length - transcriptHash.length, transcriptHash.length);
        return content;
    }
}
