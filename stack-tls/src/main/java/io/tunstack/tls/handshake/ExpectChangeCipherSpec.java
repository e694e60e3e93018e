package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.RecordProtection;

/** TLS 1.2: waiting for the server's ChangeCipherSpec, which switches reading to the new keys (RFC 5246 §7.1). */
final class ExpectChangeCipherSpec extends Tls12HandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final byte[] masterSecret;
    private final RecordProtection serverWrite;

    ExpectChangeCipherSpec(SessionDetails details, Tls12Parameters parameters, byte[] masterSecret, RecordProtection serverWrite) {
        this.details = details;
        this.parameters = parameters;
        this.masterSecret = masterSecret;
        this.serverWrite = serverWrite;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        throw message.unexpected("waiting for ChangeCipherSpec");
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        context.setReadProtection(serverWrite);
        context.record(HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED, () -> "server now writes with " + parameters.suite());
        return new ExpectFinished12(details, parameters, masterSecret);
    }
}
