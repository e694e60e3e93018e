package io.tunstack.tls;

import io.tunstack.tls.handshake.ApplicationTraffic;
import io.tunstack.tls.handshake.Connected;
import io.tunstack.tls.handshake.ExpectServerHello;
import io.tunstack.tls.handshake.HandshakeContext;
import io.tunstack.tls.handshake.HandshakeIo;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.HandshakeState;

/**
 * A TLS 1.2/1.3 client connection without I/O (see {@link TlsConnection}). The ClientHello is queued
 * on construction. Not thread-safe.
 */
public final class TlsClient extends TlsConnection {

    private final HandshakeContext context;
    private HandshakeState state;

    /** @throws TlsException if the handshake listener throws on the ClientHello step (internal_error) */
    public TlsClient(TlsConfig config) throws TlsException {
        this.context = new HandshakeContext(config, records(), reassembler());
        this.state = ExpectServerHello.start(context);
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
        return state instanceof Connected connected ? connected.traffic() : null;
    }
}
