package io.tunstack.core.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * One side's application: writes {@code total} seeded bytes, hashes what it reads, closes when done. With nothing
 * to write it is a sink, which closes once the peer did (the connection stays established until then).
 */
final class TransferEndpoint implements TcpHandler {
    private static final int CHUNK = 16 * 1024;
    private final Random data;
    private final MessageDigest sentDigest = sha256();
    private final MessageDigest receivedDigest = sha256();
    private final ByteBuf out = Unpooled.buffer(CHUNK);
    private final ByteBuf in = Unpooled.buffer(CHUNK);
    private final byte[] scratch = new byte[CHUNK];
    private long toSend;
    private final boolean sink;
    long received;
    TcpCloseReason closed;
    TcpConnection connection;

    TransferEndpoint(long seed, long total) {
        data = new Random(seed);
        toSend = total;
        sink = total == 0;
    }

    @Override
    public void onConnected(TcpConnection c) {
        connection = c;
        onWritable(c);
    }

    @Override
    public void onWritable(TcpConnection c) {
        while (toSend > 0 || out.isReadable()) {
            if (!out.isReadable()) {
                int n = (int) Math.min(CHUNK, toSend);
                out.clear();
                for (int i = 0; i < n; i++) {
                    scratch[i] = (byte) data.nextInt();
                }
                sentDigest.update(scratch, 0, n);
                out.writeBytes(scratch, 0, n);
                toSend -= n;
            }
            if (c.send(out) == 0) {
                return;
            }
        }
        if (!sink) {
            c.shutdownOutput();
        }
    }

    @Override
    public void onReadable(TcpConnection c) {
        while (c.readableBytes() > 0) {
            in.clear();
            int n = c.receive(in);
            in.readBytes(scratch, 0, n);
            receivedDigest.update(scratch, 0, n);
            received += n;
        }
        if (c.isInputShutdown() && toSend == 0 && !out.isReadable()) {
            c.close();
        }
    }

    @Override
    public void onClosed(TcpConnection c, TcpCloseReason reason) {
        closed = reason;
    }

    byte[] sentDigest() {
        return sentDigest.digest();
    }

    byte[] receivedDigest() {
        return receivedDigest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
