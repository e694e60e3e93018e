package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.SessionTicket;
import io.tunstack.tls.TlsException;

/**
 * TLS 1.3 client after the handshake: handles NewSessionTicket (stored for later resumption) and
 * KeyUpdate (RFC 8446 §4.6); every other handshake message is unexpected.
 */
public final class Connected implements HandshakeState {

    private final CipherSuite suite;
    private final ApplicationTraffic traffic;
    private final byte[] resumptionMasterSecret;

    Connected(CipherSuite suite, byte[] clientApplicationSecret, byte[] serverApplicationSecret, byte[] resumptionMasterSecret) {
        this.suite = suite;
        this.traffic = new ApplicationTraffic(suite, clientApplicationSecret, serverApplicationSecret);
        this.resumptionMasterSecret = resumptionMasterSecret;
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public ApplicationTraffic applicationTraffic() {
        return traffic;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        switch (message.type()) {
            case NEW_SESSION_TICKET:
                NewSessionTicket ticket = NewSessionTicket.decode(message);
                storeTicket(context, ticket);
                context.record(HandshakeEvent.NEW_SESSION_TICKET_RECEIVED, () -> "lifetime " + ticket.lifetimeSeconds() + " s, " + ticket.ticket().length + "-byte ticket");
                return this;
            case KEY_UPDATE:
                traffic.receiveKeyUpdate(context, message);
                return this;
            default:
                throw message.unexpected("connected");
        }
    }

    private void storeTicket(HandshakeContext context, NewSessionTicket ticket) {
        if (context.config().sessionTicketStore() == null) {
            return;
        }
        byte[] psk = KeySchedule.ticketPsk(suite.hash(), resumptionMasterSecret, ticket.nonce());
        context.config().sessionTicketStore().add(new SessionTicket(context.config().serverName(), suite, ticket.ticket(), psk,
                ticket.lifetimeSeconds(), ticket.ageAdd(), System.currentTimeMillis()));
    }
}
