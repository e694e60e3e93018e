package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;

/** Server: waiting for the client's CertificateVerify over the transcript through its Certificate (RFC 8446 §4.4.3). */
final class ExpectClientCertificateVerify implements ServerHandshakeState {

    private final SessionDetails details;
    private final ServerSecrets secrets;

    ExpectClientCertificateVerify(SessionDetails details, ServerSecrets secrets) {
        this.details = details;
        this.secrets = secrets;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE_VERIFY) {
            throw message.unexpected("waiting for the client CertificateVerify");
        }
        SignatureScheme scheme = CertificateVerify.decode(message).verifyTls13(context.config().signatureSchemes(),
                details.peerCertificates.get(0).getPublicKey(), CertificateVerify.CLIENT_CONTEXT, context.transcript().currentHash());
        context.transcript().add(message);
        context.record(HandshakeEvent.CERTIFICATE_VERIFY_RECEIVED, () -> scheme.ianaName());
        return new ExpectClientFinished(details, secrets);
    }
}
