package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;

/**
 * TLS 1.2 full handshake: waiting for the server Finished (RFC 5246 §7.4.9), compared in constant time; then
 * the session is kept for resumption.
 */
final class ExpectFinished12 extends Tls12HandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final byte[] masterSecret;

    ExpectFinished12(SessionDetails details, Tls12Parameters parameters, byte[] masterSecret) {
        this.details = details;
        this.parameters = parameters;
        this.masterSecret = masterSecret;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        verifyServerFinished(context, parameters, masterSecret, message);
        context.complete(details.toSession(context.timeline()));
        Tls12SessionOffer.remember(context, details, parameters, masterSecret, null);
        return new Connected12();
    }

    /** Checks the server's Finished over the transcript so far and adds it (RFC 5246 §7.4.9); full or abbreviated handshake. */
    static void verifyServerFinished(HandshakeContext context, Tls12Parameters parameters, byte[] masterSecret, HandshakeMessage message)
            throws TlsException {
        if (message.type() != HandshakeType.FINISHED) {
            throw message.unexpected("waiting for Finished");
        }
        Tls12KeyDerivation.verifyFinished(parameters.suite(), masterSecret, "server finished", context.transcript().currentHash(), message);
        context.transcript().add(message);
        context.record(HandshakeEvent.SERVER_FINISHED_RECEIVED, () -> Tls12KeyDerivation.VERIFY_DATA_LENGTH + " bytes verify_data, verified");
    }
}
