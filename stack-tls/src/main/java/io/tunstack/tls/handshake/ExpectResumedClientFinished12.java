package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/**
 * TLS 1.2 server, abbreviated handshake (RFC 5246 §7.3, Figure 2): our Finished went first; waiting for
 * the client's, and the handshake is complete.
 */
final class ExpectResumedClientFinished12 implements ServerHandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final byte[] masterSecret;

    ExpectResumedClientFinished12(SessionDetails details, Tls12Parameters parameters, byte[] masterSecret) {
        this.details = details;
        this.parameters = parameters;
        this.masterSecret = masterSecret;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        ExpectClientFinished12.verifyClientFinished(context, parameters, masterSecret, message);
        context.complete(details.toSession(context.timeline()));
        return new ServerConnected12();
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "second change_cipher_spec");
    }
}
