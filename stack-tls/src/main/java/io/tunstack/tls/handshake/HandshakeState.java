package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/** One state of the client handshake state machine. */
public interface HandshakeState extends ConnectionState<HandshakeContext> {

    @Override
    HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException;

    @Override
    default HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unexpected change_cipher_spec in " + getClass().getSimpleName());
    }
}
