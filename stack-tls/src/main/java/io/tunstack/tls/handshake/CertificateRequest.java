package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CertificateRequest, reduced to what choosing the client's answer needs.
 *
 * @param requestContext TLS 1.3: to be echoed in the client Certificate; empty in TLS 1.2
 * @param signatureSchemes the SignatureScheme codes the server accepts, in its order (unknown ones included)
 * @param keyAlgorithms the JCA key types the server accepts ("RSA", "EC", "EdDSA"); in TLS 1.2 from certificate_types
 */
public record CertificateRequest(byte[] requestContext, List<Integer> signatureSchemes, Set<String> keyAlgorithms) {

    /** ClientCertificateType values (RFC 5246 §7.4.4, RFC 8422 §5.5: ecdsa_sign also covers EdDSA). */
    private static final int RSA_SIGN = 1;
    private static final int ECDSA_SIGN = 64;

    /**
     * TLS 1.3 (RFC 8446 §4.3.2): certificate_request_context<0..2^8-1>, extensions<2..2^16-1>, of which
     * signature_algorithms is required; unknown extensions are ignored.
     */
    public static CertificateRequest decode13(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        byte[] context = r.vector8(0);
        Extensions extensions = Extensions.read(r);
        r.expectEnd("CertificateRequest");
        ByteReader algorithms = extensions.reader(ExtensionType.SIGNATURE_ALGORITHMS);
        if (algorithms == null) {
            throw new TlsException(AlertDescription.MISSING_EXTENSION, "CertificateRequest without signature_algorithms (RFC 8446 §4.3.2)");
        }
        List<Integer> schemes = algorithms.u16List(2);
        algorithms.expectEnd("signature_algorithms");
        return new CertificateRequest(context, schemes, Set.of("RSA", "EC", "EdDSA"));
    }

    /** A TLS 1.3 server's request (RFC 8446 §4.3.2): an empty context and signature_algorithms. */
    public static HandshakeMessage encode13(List<SignatureScheme> schemes) {
        byte[] algorithms = new ByteWriter().vector(2, w -> schemes.forEach(s -> w.u16(s.code()))).toByteArray();
        return HandshakeMessage.of(HandshakeType.CERTIFICATE_REQUEST, new ByteWriter().opaque(1, new byte[0])
                .extensions(List.of(new Extension(ExtensionType.SIGNATURE_ALGORITHMS, algorithms))).toByteArray());
    }

    /** A TLS 1.2 request (RFC 5246 §7.4.4): RSA and ECDSA (which covers EdDSA) certificates, these schemes, no CA names. */
    public static HandshakeMessage encode12(List<SignatureScheme> schemes) {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE_REQUEST, new ByteWriter().vector(1, w -> w.u8(RSA_SIGN).u8(ECDSA_SIGN))
                .vector(2, w -> schemes.forEach(s -> w.u16(s.code()))).vector(2, w -> { }).toByteArray());
    }

    /**
     * TLS 1.2 (RFC 5246 §7.4.4): certificate_types<1..2^8-1>,
     * supported_signature_algorithms<2..2^16-2>, certificate_authorities<0..2^16-1>.
     */
    public static CertificateRequest decode12(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        byte[] types = r.vector8(1);
        List<Integer> schemes = r.u16List(2);
        r.vector16(0);
        r.expectEnd("CertificateRequest");
        Set<String> keyAlgorithms = new HashSet<>();
        for (byte type : types) {
            if (type == RSA_SIGN) {
                keyAlgorithms.add("RSA");
            } else if (type == ECDSA_SIGN) {
                keyAlgorithms.addAll(List.of("EC", "EdDSA"));
            }
        }
        return new CertificateRequest(new byte[0], schemes, keyAlgorithms);
    }

    /** For traces, e.g. "7 signature schemes, key types [EC, RSA]". */
    public String describe() {
        return signatureSchemes.size() + " signature schemes, key types " + keyAlgorithms.stream().sorted().toList();
    }
}
