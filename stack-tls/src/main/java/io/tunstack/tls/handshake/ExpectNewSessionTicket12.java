package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/**
 * TLS 1.2 client: the ServerHello carried session_ticket, so the server's NewSessionTicket comes before its
 * ChangeCipherSpec, in a full or an abbreviated handshake (RFC 5077 §3.3); it is part of the transcript
 * that Finished covers.
 */
final class ExpectNewSessionTicket12 extends Tls12HandshakeState {

    private final SessionDetails details;
    private final ExpectChangeCipherSpec next;

    private ExpectNewSessionTicket12(SessionDetails details, ExpectChangeCipherSpec next) {
        this.details = details;
        this.next = next;
    }

    /** The state that waits for the server's last flight: NewSessionTicket first if the ServerHello announced one. */
    static HandshakeState before(Tls12Parameters parameters, SessionDetails details, ExpectChangeCipherSpec next) {
        return parameters.newSessionTicket() ? new ExpectNewSessionTicket12(details, next) : next;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.NEW_SESSION_TICKET) {
            throw message.unexpected("waiting for NewSessionTicket (announced in the ServerHello)");
        }
        NewSessionTicket12 ticket = NewSessionTicket12.decode(message);
        context.transcript().add(message);
        details.newSessionTicket12 = ticket;
        context.record(HandshakeEvent.NEW_SESSION_TICKET_RECEIVED,
                () -> "lifetime hint " + ticket.lifetimeHintSeconds() + " s, " + ticket.ticket().length + "-byte ticket");
        return next;
    }

    /** RFC 5077 §3.3: having announced a ticket, the server must send a NewSessionTicket (possibly empty) first. */
    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                "change_cipher_spec without the NewSessionTicket the ServerHello announced (RFC 5077 §3.3)");
    }
}
