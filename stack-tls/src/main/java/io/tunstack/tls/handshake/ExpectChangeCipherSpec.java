package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.RecordProtection;

/**
 * TLS 1.2: waiting for the server's ChangeCipherSpec, which switches reading to the new keys (RFC 5246 §7.1);
 * the server's Finished follows, in a full ({@link ExpectFinished12}) or abbreviated ({@link ExpectResumedFinished12}) handshake.
 */
final class ExpectChangeCipherSpec extends Tls12HandshakeState {

    private final CipherSuite suite;
    private final RecordProtection serverWrite;
    private final HandshakeState next;

    ExpectChangeCipherSpec(CipherSuite suite, RecordProtection serverWrite, HandshakeState next) {
        this.suite = suite;
        this.serverWrite = serverWrite;
        this.next = next;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        throw message.unexpected("waiting for ChangeCipherSpec");
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        context.setReadProtection(serverWrite);
        context.record(HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED, () -> "server now writes with " + suite);
        return next;
    }
}
