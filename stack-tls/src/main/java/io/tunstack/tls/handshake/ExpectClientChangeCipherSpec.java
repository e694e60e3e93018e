package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;

/** TLS 1.2 server: waiting for the client's ChangeCipherSpec, which switches reading to the new keys (RFC 5246 §7.1). */
final class ExpectClientChangeCipherSpec implements ServerHandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final byte[] masterSecret;
    private final Tls12KeyDerivation.RecordKeys keys;

    ExpectClientChangeCipherSpec(SessionDetails details, Tls12Parameters parameters, byte[] masterSecret, Tls12KeyDerivation.RecordKeys keys) {
        this.details = details;
        this.parameters = parameters;
        this.masterSecret = masterSecret;
        this.keys = keys;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        throw message.unexpected("waiting for ChangeCipherSpec");
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        context.setReadProtection(keys.clientWrite());
        context.record(HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED, "client now writes with " + parameters.suite());
        return new ExpectClientFinished12(details, parameters, masterSecret, keys);
    }
}
