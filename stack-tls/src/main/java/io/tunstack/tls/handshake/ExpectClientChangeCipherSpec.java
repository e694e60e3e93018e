package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.RecordProtection;

/**
 * TLS 1.2 server: waiting for the client's ChangeCipherSpec, which switches reading to the new keys (RFC 5246 §7.1);
 * the client's Finished follows, in a full ({@link ExpectClientFinished12}) or abbreviated
 * ({@link ExpectResumedClientFinished12}) handshake.
 */
final class ExpectClientChangeCipherSpec implements ServerHandshakeState {

    private final CipherSuite suite;
    private final RecordProtection clientWrite;
    private final ServerHandshakeState next;

    ExpectClientChangeCipherSpec(CipherSuite suite, RecordProtection clientWrite, ServerHandshakeState next) {
        this.suite = suite;
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
        context.record(HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED, () -> "client now writes with " + suite);
        return next;
    }
}
