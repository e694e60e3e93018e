package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/** Server after the handshake (TLS 1.3): KeyUpdate only (RFC 8446 §4.6.3); no post-handshake authentication is offered. */
public final class ServerConnected implements ServerHandshakeState {

    private final ApplicationTraffic traffic;

    ServerConnected(ApplicationTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public ApplicationTraffic applicationTraffic() {
        return traffic;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.KEY_UPDATE) {
            throw message.unexpected("connected");
        }
        traffic.receiveKeyUpdate(context, message);
        return this;
    }

    /** RFC 8446 §5: change_cipher_spec after the client's Finished is unexpected_message. */
    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec after the handshake");
    }
}
