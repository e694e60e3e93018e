package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/**
 * A TLS 1.2 state during the handshake. A HelloRequest that arrives while a handshake is under way
 * is ignored (RFC 5246 §7.4.1.1); it is not part of the transcript (§7.4.9).
 */
abstract class Tls12HandshakeState implements HandshakeState {

    @Override
    public final HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() == HandshakeType.HELLO_REQUEST) {
            message.body().expectEnd("HelloRequest");
            return this;
        }
        return handleMessage(context, message);
    }

    abstract HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException;
}
