package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;

/**
 * Server: waiting for the client Finished (RFC 8446 §4.4.4). On success the server reads with the
 * client application traffic key, the handshake is complete, and a NewSessionTicket follows (§4.6.1).
 */
final class ExpectClientFinished implements ServerHandshakeState {

    private final SessionDetails details;
    private final ServerSecrets secrets;

    ExpectClientFinished(SessionDetails details, ServerSecrets secrets) {
        this.details = details;
        this.secrets = secrets;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.FINISHED) {
            throw message.unexpected("waiting for the client Finished");
        }
        CipherSuite suite = secrets.handshake().suite();
        Transcript transcript = context.transcript();
        Finished.verify(suite.hash(), secrets.handshake().clientHandshakeSecret(), transcript.currentHash(), message);
        transcript.add(message);
        context.record(HandshakeEvent.CLIENT_FINISHED_RECEIVED, () -> suite.hash().length() + " bytes verify_data, verified");
        context.setReadProtection(TrafficKeys.protection(suite.hash(), suite.aead(), secrets.clientApplicationSecret()));
        context.complete(details.toSession(context.timeline()));
        byte[] resumptionMasterSecret = secrets.handshake().schedule().resumptionMasterSecret(transcript.currentHash());
        sendTicket(context, suite, resumptionMasterSecret);
        return new ServerConnected(new ApplicationTraffic(suite, secrets.serverApplicationSecret(), secrets.clientApplicationSecret()));
    }

    /** RFC 8446 §4.6.1: one ticket with a random ticket_age_add; the PSK is sealed into the ticket itself. */
    private void sendTicket(ServerContext context, CipherSuite suite, byte[] resumptionMasterSecret) throws TlsException {
        TlsServerConfig config = context.config();
        if (config.ticketLifetimeSeconds() == 0) {
            return;
        }
        byte[] nonce = {0};
        long ageAdd = config.random().nextInt() & 0xffffffffL;
        byte[] psk = KeySchedule.ticketPsk(suite.hash(), resumptionMasterSecret, nonce);
        byte[] ticket = config.ticketSealer().seal(
                new TicketSealer.Contents(suite, psk, System.currentTimeMillis(), ageAdd, details.applicationProtocol, details.serverName, true));
        context.sendPostHandshake(NewSessionTicket.encode(config.ticketLifetimeSeconds(), ageAdd, nonce, ticket));
        context.record(HandshakeEvent.NEW_SESSION_TICKET_SENT, () -> "lifetime " + config.ticketLifetimeSeconds() + " s, " + ticket.length + "-byte ticket");
    }
}
