package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.RecordProtection;

/** TLS 1.2: our ChangeCipherSpec, the switch to our write keys, and our Finished (RFC 5246 §7.1, §7.4.9), either side. */
final class Tls12Finished {

    private Tls12Finished() {
    }

    static void send(HandshakeIo io, CipherSuite suite, byte[] masterSecret, RecordProtection writer, boolean client) throws TlsException {
        String side = client ? "client" : "server";
        io.sendChangeCipherSpec();
        io.setWriteProtection(writer);
        io.record(HandshakeEvent.CHANGE_CIPHER_SPEC_SENT, () -> side + " now writes with " + suite);
        byte[] verifyData = Tls12KeyDerivation.verifyData(suite, masterSecret, side + " finished", io.transcript().currentHash());
        io.sendHandshake(HandshakeMessage.of(HandshakeType.FINISHED, verifyData));
        io.record(client ? HandshakeEvent.CLIENT_FINISHED_SENT : HandshakeEvent.SERVER_FINISHED_SENT, () -> verifyData.length + " bytes verify_data");
    }
}
