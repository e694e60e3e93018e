package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/**
 * One state of a connection's handshake state machine, client or server ({@code C} is the side's
 * context): consumes a message and returns the next state.
 */
public interface ConnectionState<C extends HandshakeIo> {

    ConnectionState<C> handle(C context, HandshakeMessage message) throws TlsException;

    /** A change_cipher_spec record (already checked to be the single byte 1) arrived. */
    ConnectionState<C> handleChangeCipherSpec(C context) throws TlsException;

    /** True once the handshake is complete and application data may flow. */
    default boolean isConnected() {
        return false;
    }

    /** The TLS 1.3 application traffic secrets once connected (for KeyUpdate), else null. */
    default ApplicationTraffic applicationTraffic() {
        return null;
    }
}
