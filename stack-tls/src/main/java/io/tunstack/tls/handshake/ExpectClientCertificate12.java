package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.record.AlertDescription;

/** TLS 1.2 server: waiting for the client's Certificate after our CertificateRequest (RFC 5246 §7.4.6). */
final class ExpectClientCertificate12 implements ServerHandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final KeyExchange mine;

    ExpectClientCertificate12(SessionDetails details, Tls12Parameters parameters, KeyExchange mine) {
        this.details = details;
        this.parameters = parameters;
        this.mine = mine;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE) {
            throw message.unexpected("waiting for the client Certificate");
        }
        CertificateMessage certificate = CertificateMessage.decode12(message);
        context.transcript().add(message);
        // RFC 5246 §7.4.6: a server that requires a certificate answers an empty one with handshake_failure.
        boolean sent = ExpectClientCertificate.accept(context, certificate, details, AlertDescription.HANDSHAKE_FAILURE);
        return new ExpectClientKeyExchange(details, parameters, mine, sent);
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec before the client Certificate");
    }
}
