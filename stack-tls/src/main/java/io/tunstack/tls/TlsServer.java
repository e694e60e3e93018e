package io.tunstack.tls;

import io.tunstack.tls.handshake.ApplicationTraffic;
import io.tunstack.tls.handshake.ExpectClientHello;
import io.tunstack.tls.handshake.HandshakeIo;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.ServerConnected;
import io.tunstack.tls.handshake.ServerContext;
import io.tunstack.tls.handshake.ServerHandshakeState;

/**
 * A TLS 1.3 server connection without I/O (see {@link TlsConnection}): it waits for the ClientHello,
 * answers with its flight, and is connected once the client's Finished checks out. Not thread-safe.
 */
public final class TlsServer extends TlsConnection {

    private final ServerContext context;
    private ServerHandshakeState state = ExpectClientHello.start();

    public TlsServer(TlsServerConfig config) {
        this.context = new ServerContext(config, records(), reassembler());
    }

    @Override
    HandshakeIo io() {
        return context;
    }

    @Override
    void handleHandshakeMessage(HandshakeMessage message) throws TlsException {
        state = state.handle(context, message);
    }

    @Override
    void handleChangeCipherSpec() throws TlsException {
        state = state.handleChangeCipherSpec(context);
    }

    @Override
    boolean handshakeComplete() {
        return state.isConnected();
    }

    @Override
    ApplicationTraffic applicationTraffic() {
        return state instanceof ServerConnected connected ? connected.traffic() : null;
    }
}
