package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * The record layer of one connection: frames and unprotects received bytes, protects and fragments
 * outgoing content into the output queue. Keys are switched by the handshake.
 */
public final class RecordLayer {

    private final RecordDeframer deframer = new RecordDeframer();
    private final ByteQueue output = new ByteQueue();
    private RecordProtection reader = PlaintextProtection.INSTANCE;
    private RecordProtection writer = PlaintextProtection.INSTANCE;

    /**
     * The next record, with protection removed, of the bytes received so far followed by {@code received}, or null
     * if none is complete; {@code received} has then been consumed entirely. Records that lie whole in a heap buffer
     * are opened from there without a copy. The content is a view, valid until the next call; {@code received}'s
     * array must stay unchanged until then.
     */
    public TlsPlaintext nextRecord(ByteBuffer received) throws TlsException {
        return open(deframer.next(received, reader.maxFragmentLength()));
    }

    private TlsPlaintext open(TlsCiphertext record) throws TlsException {
        return record == null ? null : reader.open(record);
    }

    /** Queues {@code data} as records of {@code type}, at most 2^14 plaintext bytes each. */
    public void send(ContentType type, byte[] data, int off, int len) throws TlsException {
        do {
            int chunk = Math.min(len, RecordLimits.MAX_PLAINTEXT);
            int at = output.reserve(writer.recordLength(chunk));
            output.commit(writer.seal(type, data, off, chunk, output.array(), at));
            off += chunk;
            len -= chunk;
        } while (len > 0);
    }

    public void setReader(RecordProtection reader) {
        this.reader = reader;
    }

    public void setWriter(RecordProtection writer) {
        this.writer = writer;
    }

    public boolean writeKeyExhausted() {
        return writer.keyExhausted();
    }

    /** Protected bytes waiting to be sent. */
    public ByteQueue output() {
        return output;
    }
}
