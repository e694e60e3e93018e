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

    public void receive(ByteBuffer bytes) {
        deframer.append(bytes);
    }

    /**
     * The next received record with protection removed, or null if none is complete. The content is decrypted in
     * place in the receive queue: read it before the next {@link #receive}.
     */
    public TlsPlaintext nextRecord() throws TlsException {
        TlsCiphertext record = deframer.next(reader.maxFragmentLength());
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
