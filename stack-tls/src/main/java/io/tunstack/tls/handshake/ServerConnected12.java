package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/**
 * TLS 1.2 server after the handshake. Renegotiation is refused: a ClientHello gets a
 * no_renegotiation warning and the connection goes on (RFC 5246 §7.2.2, RFC 5746 §4.4).
 */
final class ServerConnected12 implements ServerHandshakeState {

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CLIENT_HELLO) {
            throw message.unexpected("connected");
        }
        context.sendWarningAlert(AlertDescription.NO_RENEGOTIATION);
        return this;
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec after the handshake");
    }
}
