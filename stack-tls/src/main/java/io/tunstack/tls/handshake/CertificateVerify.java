package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureSigner;
import io.tunstack.tls.crypto.SignatureVerifier;
import io.tunstack.tls.record.AlertDescription;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** CertificateVerify { SignatureScheme algorithm; opaque signature<0..2^16-1>; } (RFC 8446 §4.4.3, RFC 5246 §7.4.8). */
public record CertificateVerify(int scheme, byte[] signature) {

    /** The TLS 1.3 context strings that keep server and client signatures apart (RFC 8446 §4.4.3). */
    public static final String SERVER_CONTEXT = "TLS 1.3, server CertificateVerify";
    public static final String CLIENT_CONTEXT = "TLS 1.3, client CertificateVerify";

    public static CertificateVerify decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int scheme = r.u16();
        byte[] signature = r.vector16(0);
        r.expectEnd("CertificateVerify");
        return new CertificateVerify(scheme, signature);
    }

    public HandshakeMessage encode() {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE_VERIFY, new ByteWriter().u16(scheme).opaque(2, signature).toByteArray());
    }

    /** Our CertificateVerify: a {@code scheme} signature over {@code content} with {@code key}; failing to sign is internal_error. */
    public static CertificateVerify sign(SignatureScheme scheme, PrivateKey key, byte[] content, SecureRandom random) throws TlsException {
        try {
            return new CertificateVerify(scheme.code(), SignatureSigner.sign(scheme, key, content, random));
        } catch (GeneralSecurityException e) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "cannot sign CertificateVerify with " + scheme.ianaName(), e);
        }
    }

    /**
     * Checks the peer's TLS 1.3 CertificateVerify (RFC 8446 §4.4.3): the scheme must be one we offered
     * and allowed in TLS 1.3, ECDSA on the key's own curve (illegal_parameter otherwise), and the
     * signature over {@link #tls13Content} must verify (decrypt_error otherwise).
     *
     * @return the scheme the peer signed with
     */
    public SignatureScheme verifyTls13(List<SignatureScheme> offered, PublicKey key, String contextString, byte[] transcriptHash)
            throws TlsException {
        SignatureScheme signed = SignatureScheme.fromCode(scheme);
        if (signed == null || !offered.contains(signed)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("peer used signature scheme 0x%04x we did not offer", scheme));
        }
        if (!signed.allowedInTls13Handshake()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, signed.ianaName() + " is not allowed in TLS 1.3 CertificateVerify");
        }
        if (!SignatureVerifier.curveMatches(signed, key)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, signed.ianaName() + " used with a key on another curve");
        }
        if (!SignatureVerifier.verify(signed, key, tls13Content(contextString, transcriptHash), signature)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "CertificateVerify signature (" + signed.ianaName() + ") does not verify");
        }
        return signed;
    }

    /** What TLS 1.3 signs (RFC 8446 §4.4.3): 64 spaces, the context string, a zero byte, then the transcript hash. */
    public static byte[] tls13Content(String contextString, byte[] transcriptHash) {
        byte[] context = contextString.getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, content, 64, context.length);
        System.arraycopy(transcriptHash, 0, content, content.length - transcriptHash.length, transcriptHash.length);
        return content;
    }
}
