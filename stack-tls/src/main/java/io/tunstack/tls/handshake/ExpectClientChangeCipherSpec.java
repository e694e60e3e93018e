package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.RecordProtection;

/** TLS 1.2 server: waiting for the client's ChangeCipherSpec, which switches reading to the new keys (RFC 5246 §7.1). */
final class ExpectClientChangeCipherSpec implements ServerHandshakeState {

    private final RecordProtection clientWrite;
    private final ExpectClientFinished12 next;

    ExpectClientChangeCipherSpec(RecordProtection clientWrite, ExpectClientFinished12 next) {
        this.clientWrite = clientWrite;
        this.next = next;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        throw message.unexpected("waiting for ChangeCipherSpec");
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        context.setReadProtection(clientWrite);
        context.record(HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED, () -> "client now writes with " + next.suite());
        return next;
    }
}
