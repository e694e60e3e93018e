package io.tunstack.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.tcp.TcpCloseReason;
import io.tunstack.core.tcp.TcpConnection;
import io.tunstack.core.tcp.TcpStats;
import io.tunstack.core.wire.Ipv4Address;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * A blocking TCP connection over tunstack, usable from any thread like {@link java.net.Socket}:
 * every operation is handed to the event loop, and the calling thread waits for the loop's
 * callbacks. A reset, a refusal or a stopped stack surfaces as an exception, never as a hang.
 */
public final class TcpSocket implements AutoCloseable {
    private final Host host;
    private final ConnectionSignal signal;
    private final TcpConnection connection;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private volatile long readTimeoutNanos;
    private volatile boolean closed;

    private TcpSocket(Host host, ConnectionSignal signal, TcpConnection connection) {
        this.host = host;
        this.signal = signal;
        this.connection = connection;
    }

    static TcpSocket connect(Host host, int remoteAddr, int remotePort, Duration timeout) throws IOException {
        if (remotePort <= 0 || remotePort > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + remotePort);
        }
        ConnectionSignal signal = new ConnectionSignal();
        TcpConnection connection = host.onLoop(l -> l.tcp().connect(host.address(), remoteAddr, remotePort, signal));
        TcpSocket socket = new TcpSocket(host, signal, connection);
        long deadline = deadline(timeout);
        String peer = Ipv4Address.format(remoteAddr) + ":" + remotePort;
        while (true) {
            long seen = signal.events();
            if (signal.connected()) {
                return socket;
            }
            TcpCloseReason reason = signal.closeReason();
            if (reason == TcpCloseReason.REFUSED || reason == TcpCloseReason.RESET) {
                throw new ConnectException("connection refused by " + peer);
            }
            if (reason != null) {
                throw new SocketTimeoutException("connect to " + peer + " timed out (" + reason + ")"
                        + icmpDetail(signal.softError()));
            }
            socket.checkHost();
            if (!signal.awaitAfter(seen, deadline)) {
                IcmpError softError = host.onLoop(l -> connection.softError());
                socket.abort();
                throw new SocketTimeoutException("connect to " + peer + " timed out" + icmpDetail(softError));
            }
        }
    }

    /** Wraps a connection the listener accepted; called on the loop thread. */
    static TcpSocket accepted(Host host, TcpConnection connection) {
        ConnectionSignal signal = new ConnectionSignal();
        connection.setHandler(signal);
        return new TcpSocket(host, signal, connection);
    }

    public InputStream getInputStream() {
        return in;
    }

    public OutputStream getOutputStream() {
        return out;
    }

    /** Read timeout; zero or null waits forever. */
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = timeout == null ? 0 : timeout.toNanos();
    }

    public void setNoDelay(boolean noDelay) throws IOException {
        host.onLoop(l -> {
            connection.setNoDelay(noDelay);
            return null;
        });
    }

    public int localPort() {
        return connection.localPort();
    }

    public int remoteAddress() {
        return connection.remoteAddr();
    }

    public int remotePort() {
        return connection.remotePort();
    }

    /** The connection's statistics, read on the loop. */
    public TcpStats stats() throws IOException {
        return host.onLoop(l -> connection.stats());
    }

    /** Reads up to {@code length} bytes; -1 once the peer's FIN has been reached. */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        long deadline = deadline(readTimeoutNanos);
        ByteBuf target = Unpooled.wrappedBuffer(buffer, offset, length);
        while (true) {
            checkOpen();
            long seen = signal.events();
            target.clear();
            int n = host.onLoop(l -> {
                int got = connection.receive(target);
                return got > 0 ? got : connection.isInputShutdown() ? -1 : 0;
            });
            if (n != 0) {
                return n;
            }
            failIfEnded("read");
            if (!signal.awaitAfter(seen, deadline)) {
                throw new SocketTimeoutException("read timed out");
            }
        }
    }

    /** Queues all of {@code length} bytes for sending, waiting while the send buffer is full. */
    public void write(byte[] buffer, int offset, int length) throws IOException {
        write(buffer, offset, length, false);
    }

    /**
     * As {@link #write}, as urgent data (RFC 9293 §3.8.5): the peer's urgent pointer ends after the last byte.
     * A Linux peer without SO_OOBINLINE receives that last byte out of band ({@code MSG_OOB}).
     */
    public void writeUrgent(byte[] buffer, int offset, int length) throws IOException {
        write(buffer, offset, length, true);
    }

    /** How many of the bytes read next are urgent data (0 when none is pending). */
    public int urgentBytes() throws IOException {
        return host.onLoop(l -> connection.urgentBytes());
    }

    private void write(byte[] buffer, int offset, int length, boolean urgent) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        ByteBuf source = Unpooled.wrappedBuffer(buffer, offset, length);
        while (source.isReadable()) {
            checkOpen();
            long seen = signal.events();
            int n = host.onLoop(l -> {
                if (connection.sendBufferFree() == 0) {
                    return 0;
                }
                return urgent ? connection.sendUrgent(source) : connection.send(source);
            });
            if (n == 0) {
                failIfEnded("write");
                signal.awaitAfter(seen, Long.MAX_VALUE);
            }
        }
    }

    /** Sends FIN after the queued data; the input side stays open (half-close). */
    public void shutdownOutput() throws IOException {
        checkOpen();
        host.onLoop(l -> {
            connection.shutdownOutput();
            return null;
        });
    }

    /** Sends a RST and forgets the connection. */
    public void abort() throws IOException {
        closed = true;
        if (host.isRunning()) {
            host.onLoop(l -> {
                connection.abort();
                return null;
            });
        }
    }

    /** Closes both directions with a FIN (RST if unread data remains, RFC 2525 §2.17). Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (host.isRunning()) {
            host.onLoop(l -> {
                connection.close();
                return null;
            });
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new SocketException("socket is closed");
        }
        checkHost();
    }

    private void checkHost() throws SocketException {
        if (!host.isRunning()) {
            throw new SocketException("tunstack host stopped");
        }
    }

    private void failIfEnded(String operation) throws IOException {
        TcpCloseReason reason = signal.closeReason();
        if (reason == null || reason == TcpCloseReason.NORMAL && operation.equals("read")) {
            return;
        }
        switch (reason) {
            case RESET -> throw new SocketException("connection reset by peer");
            case TIMEOUT -> throw new SocketTimeoutException("connection timed out (retransmissions exhausted)"
                    + icmpDetail(signal.softError()));
            case ABORTED -> throw new SocketException("connection aborted");
            case REFUSED -> throw new ConnectException("connection refused");
            case NORMAL -> throw new SocketException("cannot " + operation + ": connection closed");
        }
    }

    /** RFC 1122 §4.2.3.9: a soft ICMP error is told to the user when the connection then fails. */
    private static String icmpDetail(IcmpError softError) {
        return softError == null ? "" : " (last ICMP error: " + softError.describe() + ")";
    }

    private static long deadline(Duration timeout) {
        return deadline(timeout == null ? 0 : timeout.toNanos());
    }

    private static long deadline(long timeoutNanos) {
        return timeoutNanos <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
    }

    @Override
    public String toString() {
        return "TcpSocket[" + connection + "]";
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = TcpSocket.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return TcpSocket.this.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            TcpSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            TcpSocket.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            TcpSocket.this.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            TcpSocket.this.close();
        }
    }
}
