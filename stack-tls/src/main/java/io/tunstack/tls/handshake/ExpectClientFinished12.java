package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/**
 * TLS 1.2 server, full handshake: waiting for the client Finished (RFC 5246 §7.4.9); then a
 * NewSessionTicket if the ServerHello announced one (RFC 5077 §3.3), ChangeCipherSpec and our
 * Finished, and the handshake is complete. A session given a session_id is cached now.
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

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        verifyClientFinished(context, parameters, masterSecret, message);
        TicketSealer.Contents session = Tls12ServerResumption.session(details, parameters.suite(), masterSecret, System.currentTimeMillis());
        if (parameters.newSessionTicket()) {
            Tls12ServerResumption.issueTicket(context, session);
        }
        if (parameters.sessionId().length > 0) {
            Tls12ServerResumption.cache(context, parameters.sessionId(), session);
        }
        Tls12Finished.send(context, parameters.suite(), masterSecret, keys.serverWrite(), false);
        context.complete(details.toSession(context.timeline()));
        return new ServerConnected12();
    }

    /** Checks the client's Finished over the transcript so far and adds it (RFC 5246 §7.4.9); full or abbreviated handshake. */
    static void verifyClientFinished(ServerContext context, Tls12Parameters parameters, byte[] masterSecret, HandshakeMessage message)
            throws TlsException {
        if (message.type() != HandshakeType.FINISHED) {
            throw message.unexpected("waiting for the client Finished");
        }
        Transcript transcript = context.transcript();
        Tls12KeyDerivation.verifyFinished(parameters.suite(), masterSecret, "client finished", transcript.currentHash(), message);
        transcript.add(message);
        context.record(HandshakeEvent.CLIENT_FINISHED_RECEIVED, () -> Tls12KeyDerivation.VERIFY_DATA_LENGTH + " bytes verify_data, verified");
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "second change_cipher_spec");
    }
}
