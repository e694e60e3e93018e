package io.tunstack.tls;

import io.tunstack.tls.handshake.ApplicationTraffic;
import io.tunstack.tls.handshake.HandshakeDriver;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ByteQueue;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.ProtocolVersion;
import io.tunstack.tls.record.RecordLayer;
import io.tunstack.tls.record.RecordLimits;
import io.tunstack.tls.record.TlsPlaintext;
import java.io.EOFException;
import java.nio.ByteBuffer;

/**
 * A TLS connection without I/O, either side: the caller moves bytes. Received bytes go in with
 * {@link #feed(ByteBuffer)}, bytes to send come out of {@link #drainOutput(ByteBuffer)}, and
 * application data passes through {@link #write(ByteBuffer)} and {@link #read(ByteBuffer)}.
 * {@link TlsClient} and {@link TlsServer} add their handshake. Not thread-safe.
 */
public abstract sealed class TlsConnection permits TlsClient, TlsServer {

    /** Where the connection stands. */
    public enum Status {
        HANDSHAKING,
        CONNECTED,
        /** The peer sent close_notify: a clean end of its data. */
        CLOSED,
        /** The transport ended without close_notify: received data may be truncated. */
        TRUNCATED,
        /** A fatal alert was sent or received; see {@link #failure()}. */
        FAILED
    }

    private static final byte ALERT_LEVEL_WARNING = 1;
    private static final byte ALERT_LEVEL_FATAL = 2;

    private final RecordLayer records;
    private final HandshakeReassembler reassembler;
    private final HandshakeDriver<?> handshake;
    private final ByteQueue applicationData = new ByteQueue();
    /** For writes from buffers without an array; allocated on the first such write (most callers never make one). */
    private byte[] scratch;
    private boolean closeNotifyReceived;
    private boolean closeNotifySent;
    private boolean transportEnded;
    private TlsException failure;

    /** @param handshake the side's handshake, whose context sends through {@code records} and reads from {@code reassembler} */
    TlsConnection(RecordLayer records, HandshakeReassembler reassembler, HandshakeDriver<?> handshake) {
        this.records = records;
        this.reassembler = reassembler;
        this.handshake = handshake;
    }

    private boolean handshakeComplete() {
        return handshake.isConnected();
    }

    public final Status status() {
        if (failure != null) {
            return Status.FAILED;
        }
        if (closeNotifyReceived) {
            return Status.CLOSED;
        }
        if (transportEnded) {
            return Status.TRUNCATED;
        }
        return handshakeComplete() ? Status.CONNECTED : Status.HANDSHAKING;
    }

    /** The fatal error that ended the connection, or null. */
    public final TlsException failure() {
        return failure;
    }

    /** What the handshake negotiated, or null while it is still running. */
    public final TlsSession session() {
        return handshake.context().session();
    }

    /**
     * Consumes received bytes: records are unprotected and handled as far as they are complete.
     *
     * @throws TlsException on a protocol failure; the matching fatal alert has then been queued for sending
     */
    public final void feed(ByteBuffer received) throws TlsException {
        throwIfFailed();
        try {
            processRecords(received);
        } catch (TlsException e) {
            throw fail(e);
        }
    }

    /** The transport reached end of stream. Without a prior close_notify this is a truncation. */
    public final void feedEndOfStream() {
        transportEnded = true;
    }

    /** Bytes waiting to be sent. */
    public final int pendingOutput() {
        return records.output().size();
    }

    /** Moves pending output into {@code dst}; returns the number of bytes moved. */
    public final int drainOutput(ByteBuffer dst) {
        return records.output().drainTo(dst);
    }

    /** Protects all remaining bytes of {@code src} as application data records. */
    public final void write(ByteBuffer src) throws TlsException {
        throwIfFailed();
        if (!handshakeComplete() || closeNotifySent) {
            throw new IllegalStateException("cannot write application data in state " + status() + (closeNotifySent ? " after close()" : ""));
        }
        while (src.hasRemaining()) {
            int chunk = Math.min(src.remaining(), RecordLimits.MAX_PLAINTEXT);
            ApplicationTraffic traffic = handshake.applicationTraffic();
            if (records.writeKeyExhausted() && traffic != null) {
                updateWriteKey(traffic, false);
            }
            if (src.hasArray()) {
                records.send(ContentType.APPLICATION_DATA, src.array(), src.arrayOffset() + src.position(), chunk);
                src.position(src.position() + chunk);
            } else {
                if (scratch == null) {
                    scratch = new byte[RecordLimits.MAX_PLAINTEXT];
                }
                src.get(scratch, 0, chunk);
                records.send(ContentType.APPLICATION_DATA, scratch, 0, chunk);
            }
        }
    }

    /**
     * Moves received application data into {@code dst}.
     *
     * @return the number of bytes moved (0 if none is buffered yet), or -1 after the peer's close_notify
     * @throws EOFException if the transport ended without close_notify (truncation)
     */
    public final int read(ByteBuffer dst) throws TlsException, EOFException {
        if (!applicationData.isEmpty()) {
            return applicationData.drainTo(dst);
        }
        throwIfFailed();
        if (closeNotifyReceived) {
            return -1;
        }
        if (transportEnded) {
            throw new EOFException("connection truncated: transport ended without close_notify");
        }
        return 0;
    }

    /** Application data bytes ready for {@link #read(ByteBuffer)}. */
    public final int available() {
        return applicationData.size();
    }

    /** Queues close_notify (RFC 8446 §6.1); no more data may be written afterwards. */
    public final void close() throws TlsException {
        if (!closeNotifySent && failure == null) {
            closeNotifySent = true;
            records.send(ContentType.ALERT, new byte[] {ALERT_LEVEL_WARNING, (byte) AlertDescription.CLOSE_NOTIFY.code()}, 0, 2);
        }
    }

    /** TLS 1.3 only: sends KeyUpdate and switches to new write keys, optionally asking the peer to do the same. */
    public final void updateKeys(boolean requestPeerUpdate) throws TlsException {
        throwIfFailed();
        ApplicationTraffic traffic = handshake.applicationTraffic();
        if (traffic == null) {
            throw new IllegalStateException("KeyUpdate needs an established TLS 1.3 connection");
        }
        updateWriteKey(traffic, requestPeerUpdate);
    }

    private void updateWriteKey(ApplicationTraffic traffic, boolean requestPeerUpdate) throws TlsException {
        try {
            traffic.updateWriteKey(handshake.context(), requestPeerUpdate);
        } catch (TlsException e) {
            throw fail(e);
        }
    }

    private void processRecords(ByteBuffer received) throws TlsException {
        TlsPlaintext record;
        while (!closeNotifyReceived && (record = records.nextRecord(received)) != null) {
            if (record.type() != ContentType.HANDSHAKE && reassembler.hasPartialData()) {
                throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "handshake message interleaved with " + record.type());
            }
            switch (record.type()) {
                case HANDSHAKE:
                    handleHandshake(record);
                    break;
                case CHANGE_CIPHER_SPEC:
                    if (record.length() != 1 || record.data()[record.offset()] != 1) {
                        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "malformed change_cipher_spec");
                    }
                    handshake.handleChangeCipherSpec();
                    break;
                case ALERT:
                    handleAlert(record);
                    break;
                default:
                    if (!handshakeComplete()) {
                        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "application data before the handshake completed");
                    }
                    applicationData.append(record.data(), record.offset(), record.length());
            }
        }
    }

    private void handleHandshake(TlsPlaintext record) throws TlsException {
        if (record.length() == 0) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "zero-length handshake record (RFC 8446 §5.1)");
        }
        reassembler.append(record.data(), record.offset(), record.length());
        byte[] message;
        while ((message = reassembler.next()) != null) {
            handshake.handle(HandshakeMessage.parse(message));
        }
    }

    /** RFC 8446 §6: close_notify ends the peer's data; in TLS 1.3 every other alert but user_canceled is fatal. */
    private void handleAlert(TlsPlaintext record) throws TlsException {
        if (record.length() != 2) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "alert record of " + record.length() + " bytes");
        }
        int level = record.data()[record.offset()];
        int description = record.data()[record.offset() + 1] & 0xff;
        if (level != ALERT_LEVEL_WARNING && level != ALERT_LEVEL_FATAL) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "alert level " + level);
        }
        if (description == AlertDescription.CLOSE_NOTIFY.code()) {
            closeNotifyReceived = true;
            return;
        }
        boolean tls12Established = session() != null && session().version() == ProtocolVersion.TLS_1_2;
        boolean ignorable = description == AlertDescription.USER_CANCELED.code()
                || (level == ALERT_LEVEL_WARNING && tls12Established);
        if (!ignorable) {
            failure = TlsException.receivedAlert(description);
            throw failure;
        }
    }

    /** Records a local failure and queues its fatal alert (best effort: the write key may itself be the problem). */
    private TlsException fail(TlsException e) {
        handshake.context().invalidateSession();
        if (failure == null) {
            failure = e;
            if (!e.receivedFromPeer()) {
                try {
                    records.send(ContentType.ALERT, new byte[] {ALERT_LEVEL_FATAL, (byte) e.alertCode()}, 0, 2);
                } catch (TlsException ignored) {
                    // The write side cannot protect any more records; the connection is failed either way.
                }
            }
        }
        return failure;
    }

    private void throwIfFailed() throws TlsException {
        if (failure != null) {
            throw failure;
        }
    }
}
