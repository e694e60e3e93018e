package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/** A side's handshake context and its current state: passes each message or change_cipher_spec to the state. */
public final class HandshakeDriver<C extends HandshakeIo> {

    private final C context;
    private ConnectionState<C> state;

    public HandshakeDriver(C context, ConnectionState<C> initial) {
        this.context = context;
        this.state = initial;
    }

    public C context() {
        return context;
    }

    public void handle(HandshakeMessage message) throws TlsException {
        state = state.handle(context, message);
    }

    public void handleChangeCipherSpec() throws TlsException {
        state = state.handleChangeCipherSpec(context);
    }

    public boolean isConnected() {
        return state.isConnected();
    }

    public ApplicationTraffic applicationTraffic() {
        return state.applicationTraffic();
    }
}
