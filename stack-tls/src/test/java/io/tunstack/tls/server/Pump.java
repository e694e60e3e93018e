package io.tunstack.tls.server;

import io.tunstack.tls.TlsConnection;
import io.tunstack.tls.TlsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Moves bytes between two in-memory connections until neither has anything to send. */
final class Pump {

    private Pump() {
    }

    /**
     * Runs until quiet. A TlsException on either side stops the pumping after the failing side's
     * alert has been delivered to the other, and is rethrown.
     */
    static void run(TlsConnection a, TlsConnection b) throws TlsException {
        TlsException failure = null;
        while (a.pendingOutput() > 0 || b.pendingOutput() > 0) {
            try {
                move(a, b);
            } catch (TlsException e) {
                failure = failure == null ? e : failure;
            }
            try {
                move(b, a);
            } catch (TlsException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Moves everything {@code from} has to send into {@code to}, unless {@code to} has already failed. */
    static void move(TlsConnection from, TlsConnection to) throws TlsException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(1, from.pendingOutput()));
        from.drainOutput(buffer);
        buffer.flip();
        if (buffer.hasRemaining() && to.failure() == null) {
            to.feed(buffer);
        }
    }

    /** Everything readable on {@code c} as ASCII. */
    static String read(TlsConnection c) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(c.available());
        c.read(buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    static void write(TlsConnection c, String text) throws TlsException {
        c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
