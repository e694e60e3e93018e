package io.tunstack.tls.handshake;

import io.tunstack.tls.Tls12SessionState;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.RecordProtection;

/**
 * TLS 1.2 abbreviated handshake (RFC 5246 §7.3, Figure 2): waiting for the server Finished, which here
 * comes first; then our ChangeCipherSpec and Finished, and the session is kept again.
 */
final class ExpectResumedFinished12 extends Tls12HandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final Tls12SessionState session;
    private final RecordProtection clientWrite;

    ExpectResumedFinished12(SessionDetails details, Tls12Parameters parameters, Tls12SessionState session, RecordProtection clientWrite) {
        this.details = details;
        this.parameters = parameters;
        this.session = session;
        this.clientWrite = clientWrite;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        ExpectFinished12.verifyServerFinished(context, parameters, session.masterSecret(), message);
        Tls12Finished.send(context, parameters.suite(), session.masterSecret(), clientWrite, true);
        context.complete(details.toSession(context.timeline()));
        Tls12SessionOffer.remember(context, details, parameters, session.masterSecret(), session);
        return new Connected12();
    }
}
