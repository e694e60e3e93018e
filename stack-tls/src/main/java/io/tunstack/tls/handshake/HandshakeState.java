package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/** One state of the client handshake state machine: consumes a message and returns the next state. */
public interface HandshakeState {

    HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException;

    /** A change_cipher_spec record (already checked to be the single byte 1) arrived. */
    default HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unexpected change_cipher_spec in " + getClass().getSimpleName());
    }

    /** True once the handshake is complete and application data may flow. */
    default boolean isConnected() {
        return false;
    }
}
