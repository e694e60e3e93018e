package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import java.security.PublicKey;

/** TLS 1.3: waiting for CertificateVerify, the server's signature over the transcript (RFC 8446 §4.4.3). */
final class ExpectCertificateVerify implements HandshakeState {

    private final SessionDetails details;
    private final Tls13Secrets secrets;
    private final CertificateRequest certificateRequest;

    ExpectCertificateVerify(SessionDetails details, Tls13Secrets secrets, CertificateRequest certificateRequest) {
        this.details = details;
        this.secrets = secrets;
        this.certificateRequest = certificateRequest;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE_VERIFY) {
            throw message.unexpected("waiting for CertificateVerify");
        }
        PublicKey key = details.peerCertificates.get(0).getPublicKey();
        SignatureScheme scheme = CertificateVerify.decode(message).verifyTls13(context.config().signatureSchemes(), key,
                CertificateVerify.SERVER_CONTEXT, context.transcript().currentHash());
        details.signatureScheme = scheme;
        context.transcript().add(message);
        context.record(HandshakeEvent.CERTIFICATE_VERIFY_RECEIVED, () -> scheme.ianaName());
        return new ExpectFinished(details, secrets, certificateRequest);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) {
        return this;
    }
}
