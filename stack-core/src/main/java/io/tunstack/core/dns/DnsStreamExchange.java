package io.tunstack.core.dns;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.tcp.TcpCloseReason;
import io.tunstack.core.tcp.TcpConnection;
import io.tunstack.core.tcp.TcpHandler;
import io.tunstack.core.tcp.TcpLayer;
import io.tunstack.core.wire.Ipv4Address;

/**
 * One query over TCP (RFC 1035 §4.2.2, RFC 7766): the message behind a two-byte length, then the answer read the
 * same way. Opened when a UDP answer came back truncated (RFC 7766 §5). The caller owns the deadline and calls
 * {@link #cancel} when it passes; the exchange reports exactly once, unless cancelled.
 */
final class DnsStreamExchange implements TcpHandler {
    /** What an exchange hands back: the decoded answer, or why there is none. */
    interface Outcome {
        void answered(DnsMessage response);

        void failed(String reason);
    }

    private static final int LENGTH_PREFIX = 2;

    private final ByteBuf request;
    private final ByteBuf response;
    private final Outcome outcome;
    private final String peer;
    private TcpConnection connection;
    private boolean done;

    /** {@code query} is the encoded message (readable bytes; not released here). */
    DnsStreamExchange(ByteBuf query, Outcome outcome, int server, int port) {
        this.request = query.alloc().buffer(LENGTH_PREFIX + query.readableBytes());
        this.request.writeShort(query.readableBytes()).writeBytes(query, query.readerIndex(), query.readableBytes());
        this.response = query.alloc().buffer(DnsCodec.HEADER_LENGTH + LENGTH_PREFIX);
        this.outcome = outcome;
        this.peer = Ipv4Address.format(server) + ":" + port;
    }

    void start(TcpLayer tcp, int localAddr, int server, int port) {
        try {
            connection = tcp.connect(localAddr, server, port, this);
        } catch (IllegalStateException e) {
            finish();
            outcome.failed("TCP to " + peer + " could not be opened: " + e.getMessage());
        }
    }

    /** The deadline passed: abort the connection without reporting. */
    void cancel() {
        if (!done) {
            finish();
        }
    }

    @Override
    public void onConnected(TcpConnection c) {
        onWritable(c);
    }

    @Override
    public void onWritable(TcpConnection c) {
        if (!done && request.isReadable()) {
            c.send(request);
        }
    }

    @Override
    public void onReadable(TcpConnection c) {
        if (done) {
            return;
        }
        while (c.readableBytes() > 0) {
            response.ensureWritable(c.readableBytes());
            c.receive(response);
        }
        if (response.readableBytes() < LENGTH_PREFIX) {
            return;
        }
        int length = response.getUnsignedShort(response.readerIndex());
        if (response.readableBytes() < LENGTH_PREFIX + length) {
            return;
        }
        ByteBuf message = response.slice(response.readerIndex() + LENGTH_PREFIX, length);
        DnsMessage decoded;
        try {
            decoded = DnsCodec.decode(message);
        } catch (DnsFormatException e) {
            finish();
            outcome.failed("malformed response over TCP from " + peer + ": " + e.getMessage());
            return;
        }
        finish();
        outcome.answered(decoded);
    }

    @Override
    public void onClosed(TcpConnection c, TcpCloseReason reason) {
        if (!done) {
            finish();
            outcome.failed("TCP to " + peer + " ended before an answer: " + reason.name().toLowerCase());
        }
    }

    /** Releases the buffers and closes the connection (once). */
    private void finish() {
        done = true;
        request.release();
        response.release();
        if (connection != null) {
            connection.close();
        }
    }
}
