package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/** One state of the server handshake state machine. */
public interface ServerHandshakeState extends ConnectionState<ServerContext> {

    @Override
    ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException;

    /**
     * RFC 8446 §5: after the first ClientHello and before the client's Finished a change_cipher_spec
     * is dropped (middlebox compatibility); states outside that window, and TLS 1.2 ones, override this.
     */
    @Override
    default ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        return this;
    }
}
