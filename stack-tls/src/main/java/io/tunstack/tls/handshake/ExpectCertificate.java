package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.cert.KeyExchangeKind;
import io.tunstack.tls.record.AlertDescription;
import java.security.cert.X509Certificate;
import java.util.List;

/** TLS 1.3: waiting for the server Certificate, optionally preceded by a CertificateRequest (RFC 8446 §4.3.2, §4.4.2). */
final class ExpectCertificate implements HandshakeState {

    private final SessionDetails details;
    private final Tls13Secrets secrets;
    /** The CertificateRequest received before the Certificate, or null if none. */
    private final CertificateRequest certificateRequest;

    ExpectCertificate(SessionDetails details, Tls13Secrets secrets, CertificateRequest certificateRequest) {
        this.details = details;
        this.secrets = secrets;
        this.certificateRequest = certificateRequest;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() == HandshakeType.CERTIFICATE_REQUEST && certificateRequest == null) {
            CertificateRequest request = CertificateRequest.decode13(message);
            context.transcript().add(message);
            context.record(HandshakeEvent.CERTIFICATE_REQUEST_RECEIVED, () -> request.describe());
            return new ExpectCertificate(details, secrets, request);
        }
        if (message.type() != HandshakeType.CERTIFICATE) {
            throw message.unexpected("waiting for Certificate");
        }
        CertificateMessage certificate = CertificateMessage.decode13(message);
        if (certificate.requestContext().length != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server Certificate with a non-empty request context");
        }
        List<X509Certificate> chain = certificate.x509Chain();
        ServerAuthentication.verifyChain(context, chain, KeyExchangeKind.SIGNATURE);
        details.peerCertificates = List.copyOf(chain);
        context.transcript().add(message);
        return new ExpectCertificateVerify(details, secrets, certificateRequest);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) {
        return this;
    }
}
