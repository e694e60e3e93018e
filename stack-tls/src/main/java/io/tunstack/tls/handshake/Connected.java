package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.SessionTicket;
import io.tunstack.tls.TlsException;

/**
 * TLS 1.3 after the handshake: handles NewSessionTicket (stored for later resumption) and KeyUpdate
 * (RFC 8446 §4.6); every other handshake message is unexpected.
 */
public final class Connected implements HandshakeState {

    private final CipherSuite suite;
    private byte[] clientApplicationSecret;
    private byte[] serverApplicationSecret;
    private final byte[] resumptionMasterSecret;

    Connected(CipherSuite suite, byte[] clientApplicationSecret, byte[] serverApplicationSecret, byte[] resumptionMasterSecret) {
        this.suite = suite;
        this.clientApplicationSecret = clientApplicationSecret;
        this.serverApplicationSecret = serverApplicationSecret;
        this.resumptionMasterSecret = resumptionMasterSecret;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        switch (message.type()) {
            case NEW_SESSION_TICKET:
                NewSessionTicket ticket = NewSessionTicket.decode(message);
                storeTicket(context, ticket);
                context.record(HandshakeEvent.NEW_SESSION_TICKET_RECEIVED,
                        "lifetime " + ticket.lifetimeSeconds() + " s, " + ticket.ticket().length + "-byte ticket");
                return this;
            case KEY_UPDATE:
                boolean updateRequested = KeyUpdate.decodeUpdateRequested(message);
                serverApplicationSecret = KeySchedule.nextTrafficSecret(suite.hash(), serverApplicationSecret);
                context.setReadProtection(TrafficKeys.protection(suite.hash(), suite.aead(), serverApplicationSecret));
                context.record(HandshakeEvent.KEY_UPDATE_RECEIVED, KeyUpdate.describe(updateRequested));
                if (updateRequested) {
                    updateWriteKey(context, false);
                }
                return this;
            default:
                throw message.unexpected("connected");
        }
    }

    /** Sends KeyUpdate and switches to the next client application traffic secret (RFC 8446 §4.6.3). */
    public void updateWriteKey(HandshakeContext context, boolean requestPeerUpdate) throws TlsException {
        context.sendPostHandshake(KeyUpdate.encode(requestPeerUpdate));
        clientApplicationSecret = KeySchedule.nextTrafficSecret(suite.hash(), clientApplicationSecret);
        context.setWriteProtection(TrafficKeys.protection(suite.hash(), suite.aead(), clientApplicationSecret));
        context.record(HandshakeEvent.KEY_UPDATE_SENT, KeyUpdate.describe(requestPeerUpdate));
    }

    private void storeTicket(HandshakeContext context, NewSessionTicket ticket) {
        byte[] psk = KeySchedule.ticketPsk(suite.hash(), resumptionMasterSecret, ticket.nonce());
        context.config().sessionTicketStore().add(new SessionTicket(context.config().serverName(), suite, ticket.ticket(), psk,
                ticket.lifetimeSeconds(), ticket.ageAdd(), System.currentTimeMillis()));
    }
}
