package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/**
 * TLS 1.2 server: waiting for the client Finished (RFC 5246 §7.4.9); then ChangeCipherSpec and our
 * Finished, and the handshake is complete.
 */
final class ExpectClientFinished12 implements ServerHandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final byte[] masterSecret;
    private final Tls12KeyDerivation.RecordKeys keys;

    ExpectClientFinished12(SessionDetails details, Tls12Parameters parameters, byte[] masterSecret, Tls12KeyDerivation.RecordKeys keys) {
        this.details = details;
        this.parameters = parameters;
        this.masterSecret = masterSecret;
        this.keys = keys;
    }

    CipherSuite suite() {
        return parameters.suite();
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.FINISHED) {
            throw message.unexpected("waiting for the client Finished");
        }
        Transcript transcript = context.transcript();
        Tls12KeyDerivation.verifyFinished(parameters.suite(), masterSecret, "client finished", transcript.currentHash(), message);
        transcript.add(message);
        context.record(HandshakeEvent.CLIENT_FINISHED_RECEIVED, () -> "12 bytes verify_data, verified");
        Tls12Finished.send(context, parameters.suite(), masterSecret, keys.serverWrite(), false);
        context.complete(details.toSession(context.timeline()));
        return new ServerConnected12();
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "second change_cipher_spec");
    }
}
