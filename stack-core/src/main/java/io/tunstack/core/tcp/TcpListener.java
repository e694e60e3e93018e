package io.tunstack.core.tcp;

/**
 * A passive OPEN (RFC 9293 §3.10.1): SYNs to the port create connections in SYN-RECEIVED, at most
 * {@code backlog} at a time; each one that reaches ESTABLISHED is handed to the accept handler.
 */
public final class TcpListener {
    private final TcpLayer layer;
    private final int localAddr;
    private final int port;
    private final int backlog;
    private final TcpAcceptHandler onAccept;
    private int halfOpen;
    private boolean closed;

    TcpListener(TcpLayer layer, int localAddr, int port, int backlog, TcpAcceptHandler onAccept) {
        this.layer = layer;
        this.localAddr = localAddr;
        this.port = port;
        this.backlog = backlog;
        this.onAccept = onAccept;
    }

    public int port() {
        return port;
    }

    /** The address listened on, 0 for any. */
    public int localAddr() {
        return localAddr;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Connections in SYN-RECEIVED waiting for the handshake's final ACK. */
    public int halfOpenCount() {
        return halfOpen;
    }

    /** Stops accepting; handshakes still in progress are reset when they complete. */
    public void close() {
        if (!closed) {
            closed = true;
            layer.removeListener(this);
        }
    }

    boolean accepts(int dstAddr) {
        return localAddr == 0 || localAddr == dstAddr;
    }

    /** Reserves a backlog slot for a new SYN-RECEIVED connection; false when the backlog is full. */
    boolean reserve() {
        if (closed || halfOpen >= backlog) {
            return false;
        }
        halfOpen++;
        return true;
    }

    /** A half-open connection left SYN-RECEIVED (established or gone). */
    void release() {
        halfOpen--;
    }

    void deliver(TcpConnection c) {
        onAccept.onAccept(c);
    }
}
