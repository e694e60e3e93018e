package io.tunstack.core.socket;

import io.tunstack.core.tcp.TcpListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A blocking listener over tunstack, like {@link java.net.ServerSocket}. */
public final class TcpServerSocket implements AutoCloseable {
    private final Host host;
    private final LinkedBlockingQueue<TcpSocket> accepted = new LinkedBlockingQueue<>();
    private TcpListener listener;
    private volatile boolean closed;

    private TcpServerSocket(Host host) {
        this.host = host;
    }

    static TcpServerSocket listen(Host host, int port, int backlog) throws IOException {
        TcpServerSocket server = new TcpServerSocket(host);
        server.listener = host.onLoop(l -> l.tcp().listen(host.address(), port, backlog,
                connection -> server.accepted.add(TcpSocket.accepted(host, connection))));
        return server;
    }

    public int port() {
        return listener.port();
    }

    /** Waits for the next established connection; a zero or null timeout waits forever. */
    public TcpSocket accept(Duration timeout) throws IOException {
        long deadline = timeout == null || timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed || !host.isRunning()) {
                throw new SocketException("server socket is closed");
            }
            long left = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            if (deadline - System.nanoTime() <= 0) {
                throw new SocketTimeoutException("accept timed out");
            }
            try {
                TcpSocket socket = accepted.poll(left, TimeUnit.NANOSECONDS);
                if (socket != null) {
                    return socket;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted in accept");
            }
        }
    }

    public TcpSocket accept() throws IOException {
        return accept(null);
    }

    /** Stops listening; connections accepted but never taken are aborted. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (host.isRunning()) {
            host.onLoop(l -> {
                listener.close();
                return null;
            });
        }
        TcpSocket socket;
        while ((socket = accepted.poll()) != null) {
            socket.abort();
        }
    }
}
