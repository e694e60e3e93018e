package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/** One state of the server handshake state machine: consumes a message and returns the next state. */
public interface ServerHandshakeState {

    ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException;

    /**
     * A change_cipher_spec record (already checked to be the single byte 1) arrived. RFC 8446 §5: after
     * the first ClientHello and before the client's Finished it is dropped (middlebox compatibility);
     * states outside that window override this.
     */
    default ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        return this;
    }

    /** True once the handshake is complete and application data may flow. */
    default boolean isConnected() {
        return false;
    }
}
