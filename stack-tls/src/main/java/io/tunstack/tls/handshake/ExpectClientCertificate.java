package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.cert.CertificateValidationException;
import io.tunstack.tls.record.AlertDescription;
import java.security.cert.X509Certificate;
import java.util.List;

/** Server: waiting for the client's Certificate after our CertificateRequest (RFC 8446 §4.4.2, §4.4.2.4). */
final class ExpectClientCertificate implements ServerHandshakeState {

    private final SessionDetails details;
    private final ServerSecrets secrets;

    ExpectClientCertificate(SessionDetails details, ServerSecrets secrets) {
        this.details = details;
        this.secrets = secrets;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE) {
            throw message.unexpected("waiting for the client Certificate");
        }
        CertificateMessage certificate = CertificateMessage.decode13(message);
        if (certificate.requestContext().length != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "client Certificate with a request context we did not send");
        }
        context.transcript().add(message);
        // RFC 8446 §4.4.2.4: no certificate where one is required is certificate_required.
        if (!accept(context, certificate, details, AlertDescription.CERTIFICATE_REQUIRED)) {
            return new ExpectClientFinished(details, secrets);
        }
        return new ExpectClientCertificateVerify(details, secrets);
    }

    /**
     * Checks a client Certificate, TLS 1.3 or 1.2: an empty one is fine unless the configuration
     * requires a certificate ({@code missing} then), a chain must pass the configured verifier (its
     * alert otherwise) and becomes the session's peer certificates.
     *
     * @return whether the client sent a chain, so that a CertificateVerify follows
     */
    static boolean accept(ServerContext context, CertificateMessage certificate, SessionDetails details, AlertDescription missing)
            throws TlsException {
        if (certificate.certificates().isEmpty()) {
            if (context.config().clientAuthentication() == TlsServerConfig.ClientAuthentication.REQUIRED) {
                throw new TlsException(missing, "the client sent no certificate");
            }
            context.record(HandshakeEvent.CERTIFICATE_RECEIVED, () -> "empty: the client has no certificate");
            return false;
        }
        List<X509Certificate> chain = certificate.x509Chain();
        context.record(HandshakeEvent.CERTIFICATE_RECEIVED, () -> CertificateMessage.describe(chain));
        try {
            context.config().clientCertificateVerifier().verify(chain);
        } catch (CertificateValidationException e) {
            AlertDescription alert = AlertDescription.fromCode(e.alert());
            throw new TlsException(alert == null ? AlertDescription.BAD_CERTIFICATE : alert, "client certificate rejected: " + e.getMessage(), e);
        }
        context.record(HandshakeEvent.CERTIFICATE_VERIFIED, () -> "client certificate accepted");
        details.peerCertificates = List.copyOf(chain);
        return true;
    }
}
