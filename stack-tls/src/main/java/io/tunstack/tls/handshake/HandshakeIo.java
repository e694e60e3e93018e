package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.HandshakeStep;
import io.tunstack.tls.HandshakeTimeline;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsHandshakeListener;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;
import io.tunstack.tls.record.RecordProtection;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What handshake states of either side may do to the connection: send, switch keys, keep the
 * transcript, record progress. The client's and the server's contexts add their configuration.
 */
public class HandshakeIo {

    private static final byte[] CHANGE_CIPHER_SPEC = {1};

    private final RecordLayer records;
    private final HandshakeReassembler reassembler;
    private final LongSupplier nanoClock;
    private final TlsHandshakeListener listener;
    private final Transcript transcript = new Transcript();
    private final HandshakeTimeline timeline = new HandshakeTimeline();
    private boolean middleboxChangeCipherSpecSent;
    private TlsSession session;

    protected HandshakeIo(RecordLayer records, HandshakeReassembler reassembler, LongSupplier nanoClock, TlsHandshakeListener listener) {
        this.records = records;
        this.reassembler = reassembler;
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    public Transcript transcript() {
        return transcript;
    }

    public HandshakeTimeline timeline() {
        return timeline;
    }

    /**
     * The one place a handshake step is reported: timed into the timeline, then passed to the
     * configured listener. The detail is only made for a listener. A listener that throws fails the
     * handshake with internal_error.
     */
    public void record(HandshakeEvent event, Supplier<String> detail) throws TlsException {
        long now = nanoClock.getAsLong();
        timeline.record(event, now);
        if (listener != null) {
            HandshakeStep step = new HandshakeStep(event, now, detail.get());
            try {
                listener.onStep(step);
            } catch (RuntimeException e) {
                throw new TlsException(AlertDescription.INTERNAL_ERROR, "handshake listener failed on " + event, e);
            }
        }
    }

    /** Sends a handshake message and adds it to the transcript. */
    public void sendHandshake(HandshakeMessage message) throws TlsException {
        transcript.add(message);
        sendPostHandshake(message);
    }

    /** Sends a handshake message that is not part of the transcript (KeyUpdate, NewSessionTicket). */
    public void sendPostHandshake(HandshakeMessage message) throws TlsException {
        byte[] encoded = message.encoded();
        records.send(ContentType.HANDSHAKE, encoded, 0, encoded.length);
    }

    /** Sends change_cipher_spec (TLS 1.2 §7.1). */
    public void sendChangeCipherSpec() throws TlsException {
        records.send(ContentType.CHANGE_CIPHER_SPEC, CHANGE_CIPHER_SPEC, 0, 1);
    }

    /** TLS 1.3 middlebox compatibility (RFC 8446 §D.4): one dummy change_cipher_spec per connection. */
    public void sendMiddleboxChangeCipherSpecOnce() throws TlsException {
        if (!middleboxChangeCipherSpecSent) {
            middleboxChangeCipherSpecSent = true;
            sendChangeCipherSpec();
        }
    }

    public void sendWarningAlert(AlertDescription alert) throws TlsException {
        records.send(ContentType.ALERT, new byte[] {1, (byte) alert.code()}, 0, 2);
    }

    /** Installs new read keys; handshake messages must not span a key change (RFC 8446 §5.1). */
    public void setReadProtection(RecordProtection protection) throws TlsException {
        if (reassembler.hasPartialData()) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "handshake data left over at a key change");
        }
        records.setReader(protection);
    }

    public void setWriteProtection(RecordProtection protection) {
        records.setWriter(protection);
    }

    /** A fatal alert was sent or received: forget anything kept to resume this connection's session (nothing by default). */
    public void invalidateSession() {
    }

    public void complete(TlsSession session) {
        this.session = session;
    }

    /** The negotiated session once the handshake is complete, else null. */
    public TlsSession session() {
        return session;
    }
}
