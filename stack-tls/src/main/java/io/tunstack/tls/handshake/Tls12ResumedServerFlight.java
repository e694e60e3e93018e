package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.ProtocolVersion;

/**
 * The TLS 1.2 abbreviated handshake's server flight (RFC 5246 §7.3, Figure 2; RFC 5077 §3.1, Figure 2):
 * ServerHello echoing the client's session_id with the session's suite, a renewed ticket if the client uses
 * tickets, ChangeCipherSpec and Finished; no certificate and no key exchange.
 */
final class Tls12ResumedServerFlight {

    private Tls12ResumedServerFlight() {
    }

    /** The ClientHello is in the transcript already; {@code session} is the accepted ticket's or cache entry's. */
    static ServerHandshakeState send(ServerContext context, ClientHelloOffer hello, Tls12Negotiation negotiation, TicketSealer.Contents session,
            SessionDetails details) throws TlsException {
        CipherSuite suite = session.suite();
        byte[] masterSecret = session.secret();
        context.transcript().selectHash(suite.hash(), false);
        details.suite = suite;
        details.applicationProtocol = negotiation.applicationProtocol();
        details.extendedMasterSecret = true;
        details.resumed = true;

        byte[] random = Tls12ServerFlight.serverRandom(context.config());
        boolean ticket = Tls12ServerResumption.issuesTicket(context.config(), hello);
        // RFC 5246 §7.4.1.3, RFC 5077 §3.4: resuming, the server echoes the session_id the client sent.
        context.sendHandshake(ServerHello.encode(random, hello.legacySessionId(), suite.code(), Tls12ServerFlight.extensions(negotiation, ticket)));
        context.record(HandshakeEvent.SERVER_HELLO_SENT, () -> ProtocolVersion.TLS_1_2 + ", " + suite + ", extended_master_secret, session resumed"
                + (negotiation.applicationProtocol() == null ? "" : ", ALPN " + negotiation.applicationProtocol()));
        if (ticket) {
            Tls12ServerResumption.issueTicket(context, Tls12ServerResumption.session(details, suite, masterSecret, session.issuedMillis()));
        } else {
            context.cachedSessionId(hello.legacySessionId()); // resumed by session_id: a fatal alert ends the cached session
        }
        Tls12KeyDerivation.RecordKeys keys = Tls12KeyDerivation.recordKeys(suite, masterSecret, hello.random(), random);
        Tls12Finished.send(context, suite, masterSecret, keys.serverWrite(), false);

        Tls12Parameters parameters = new Tls12Parameters(suite, hello.random(), random, true, hello.legacySessionId(), ticket);
        return new ExpectClientChangeCipherSpec(suite, keys.clientWrite(), new ExpectResumedClientFinished12(details, parameters, masterSecret));
    }
}
