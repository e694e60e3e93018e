package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;

/**
 * One side's TLS 1.3 application traffic secrets once the handshake is done, and KeyUpdate on them
 * (RFC 8446 §4.6.3, §7.2). The client writes with client_application_traffic_secret_N and reads with
 * the server's; the server the other way round.
 */
public final class ApplicationTraffic {

    private final CipherSuite suite;
    private byte[] writeSecret;
    private byte[] readSecret;

    ApplicationTraffic(CipherSuite suite, byte[] writeSecret, byte[] readSecret) {
        this.suite = suite;
        this.writeSecret = writeSecret;
        this.readSecret = readSecret;
    }

    /** The peer's KeyUpdate: switch to its next read secret, and answer with our own KeyUpdate if it asks for one. */
    void receiveKeyUpdate(HandshakeIo io, HandshakeMessage message) throws TlsException {
        boolean updateRequested = KeyUpdate.decodeUpdateRequested(message);
        readSecret = KeySchedule.nextTrafficSecret(suite.hash(), readSecret);
        io.setReadProtection(TrafficKeys.protection(suite.hash(), suite.aead(), readSecret));
        io.record(HandshakeEvent.KEY_UPDATE_RECEIVED, () -> KeyUpdate.describe(updateRequested));
        if (updateRequested) {
            updateWriteKey(io, false);
        }
    }

    /** Sends KeyUpdate and switches to the next write secret (RFC 8446 §4.6.3). */
    public void updateWriteKey(HandshakeIo io, boolean requestPeerUpdate) throws TlsException {
        io.sendPostHandshake(KeyUpdate.encode(requestPeerUpdate));
        writeSecret = KeySchedule.nextTrafficSecret(suite.hash(), writeSecret);
        io.setWriteProtection(TrafficKeys.protection(suite.hash(), suite.aead(), writeSecret));
        io.record(HandshakeEvent.KEY_UPDATE_SENT, () -> KeyUpdate.describe(requestPeerUpdate));
    }
}
