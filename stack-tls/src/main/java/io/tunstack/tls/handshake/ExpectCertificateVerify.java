package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureVerifier;
import io.tunstack.tls.record.AlertDescription;
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
        CertificateVerify verify = CertificateVerify.decode(message);
        SignatureScheme scheme = ServerAuthentication.offeredScheme(context, verify.scheme());
        if (!scheme.allowedInTls13Handshake()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, scheme.ianaName() + " is not allowed in TLS 1.3 CertificateVerify");
        }
        PublicKey key = details.peerCertificates.get(0).getPublicKey();
        if (!SignatureVerifier.curveMatches(scheme, key)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, scheme.ianaName() + " used with a key on another curve");
        }
        byte[] content = CertificateVerify.tls13Content(CertificateVerify.SERVER_CONTEXT, context.transcript().currentHash());
        ServerAuthentication.verifySignature(scheme, key, content, verify.signature());
        details.signatureScheme = scheme;
        context.transcript().add(message);
        context.record(HandshakeEvent.CERTIFICATE_VERIFY_RECEIVED, scheme.ianaName());
        return new ExpectFinished(details, secrets, certificateRequest);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) {
        return this;
    }
}
