package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/** TLS 1.2 after the handshake. Renegotiation is refused: a HelloRequest gets a no_renegotiation warning (RFC 5246 §7.2.2, RFC 5746 §4.2). */
final class Connected12 implements HandshakeState {

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.HELLO_REQUEST) {
            throw message.unexpected("connected");
        }
        message.body().expectEnd("HelloRequest");
        context.sendWarningAlert(AlertDescription.NO_RENEGOTIATION);
        return this;
    }
}
