package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureSigner;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Answers a CertificateRequest: the configured certificate and its CertificateVerify, or an empty Certificate. */
final class ClientAuthentication {

    private ClientAuthentication() {
    }

    /**
     * Sends the client Certificate: the configured chain if it can sign a scheme the request accepts,
     * else an empty one (RFC 8446 §4.4.2: "If the server requests client authentication but no
     * suitable certificate is available, the client MUST send a Certificate message containing no
     * certificates"; RFC 5246 §7.4.6 likewise).
     *
     * @return the scheme the CertificateVerify must use, or null if the Certificate was empty
     */
    static SignatureScheme sendCertificate(HandshakeContext context, CertificateRequest request, ProtocolVersion version) throws TlsException {
        List<X509Certificate> chain = context.config().clientCertificateChain();
        SignatureScheme scheme = chain.isEmpty() ? null : chooseScheme(context.config(), request, version);
        List<byte[]> encoded = scheme == null ? List.of() : CertificateMessage.encoded(chain);
        context.sendHandshake(version == ProtocolVersion.TLS_1_3
                ? CertificateMessage.encode13(request.requestContext(), encoded)
                : CertificateMessage.encode12(encoded));
        context.record(HandshakeEvent.CERTIFICATE_SENT, () -> scheme != null ? CertificateMessage.describe(chain)
                : chain.isEmpty() ? "empty: no client certificate configured" : "empty: the server accepts no signature our key can make");
        return scheme;
    }

    /**
     * Sends CertificateVerify with the configured key over {@code content}: in TLS 1.3 the
     * {@link CertificateVerify#tls13Content} of the transcript hash (RFC 8446 §4.4.3), in TLS 1.2 all
     * handshake messages so far (RFC 5246 §7.4.8).
     */
    static void sendCertificateVerify(HandshakeContext context, SignatureScheme scheme, byte[] content) throws TlsException {
        TlsConfig config = context.config();
        context.sendHandshake(CertificateVerify.sign(scheme, config.clientKey(), content, config.random()).encode());
        context.record(HandshakeEvent.CERTIFICATE_VERIFY_SENT, () -> scheme.ianaName());
    }

    /**
     * Our first configured scheme that the server accepts and the key can make; RSASSA-PKCS1-v1_5 only
     * in TLS 1.2 (RFC 8446 §4.4.3: "RSA signatures MUST use an RSASSA-PSS algorithm").
     */
    private static SignatureScheme chooseScheme(TlsConfig config, CertificateRequest request, ProtocolVersion version) {
        PublicKey key = config.clientCertificateChain().get(0).getPublicKey();
        for (SignatureScheme scheme : config.signatureSchemes()) {
            if (request.signatureSchemes().contains(scheme.code()) && request.keyAlgorithms().contains(scheme.keyAlgorithm())
                    && SignatureSigner.canSign(scheme, key) && (version == ProtocolVersion.TLS_1_2 || scheme.allowedInTls13Handshake())) {
                return scheme;
            }
        }
        return null;
    }
}
