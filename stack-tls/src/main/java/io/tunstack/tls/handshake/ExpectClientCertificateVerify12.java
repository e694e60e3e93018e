package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureVerifier;
import io.tunstack.tls.record.AlertDescription;
import java.security.PublicKey;

/**
 * TLS 1.2 server: waiting for the client's CertificateVerify, a signature over all handshake messages
 * before it (RFC 5246 §7.4.8), with a scheme from our CertificateRequest that fits the client's key.
 */
final class ExpectClientCertificateVerify12 implements ServerHandshakeState {

    private final SessionDetails details;
    private final ExpectClientChangeCipherSpec next;

    ExpectClientCertificateVerify12(SessionDetails details, ExpectClientChangeCipherSpec next) {
        this.details = details;
        this.next = next;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE_VERIFY) {
            throw message.unexpected("waiting for the client CertificateVerify");
        }
        CertificateVerify verify = CertificateVerify.decode(message);
        SignatureScheme scheme = SignatureScheme.fromCode(verify.scheme());
        PublicKey key = details.peerCertificates.get(0).getPublicKey();
        if (scheme == null || !context.config().signatureSchemes().contains(scheme) || !SignatureVerifier.keyFits(scheme, key)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("client signed with scheme 0x%04x we did not ask for", verify.scheme()));
        }
        if (!SignatureVerifier.verify(scheme, key, context.transcript().messages(), verify.signature())) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "client CertificateVerify (" + scheme.ianaName() + ") does not verify");
        }
        context.transcript().add(message);
        context.record(HandshakeEvent.CERTIFICATE_VERIFY_RECEIVED, () -> scheme.ianaName());
        return next;
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec before the client CertificateVerify");
    }
}
