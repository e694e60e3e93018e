package io.tunstack.core.udp;

import io.netty.buffer.ByteBuf;

/**
 * A UDP endpoint bound to a local port of one {@link UdpLayer}. Every method must be called on the stack's
 * event loop. A socket also owns at most one timer, run on the loop by the layer and cancelled by {@link #close}.
 */
public final class UdpSocket implements AutoCloseable {
    private final UdpLayer layer;
    private final int localAddress;
    private final int localPort;
    final UdpHandler handler;
    private boolean open = true;
    long timerDeadline = Long.MAX_VALUE;
    Runnable timerTask;

    UdpSocket(UdpLayer layer, int localAddress, int localPort, UdpHandler handler) {
        this.layer = layer;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.handler = handler;
    }

    /** The address the socket was bound to; 0 (any) and the stack's address are equivalent on a one-address stack. */
    public int localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * Sends {@code payload}'s readable bytes as one datagram from this socket's port. Takes ownership of
     * {@code payload}, also when it throws.
     *
     * @throws IllegalStateException if the socket is closed
     * @throws IllegalArgumentException if the port is not 1..65535 or the datagram does not fit the link MTU
     */
    public void send(int dstAddr, int dstPort, ByteBuf payload) {
        try {
            if (!open) {
                throw new IllegalStateException("UDP socket on port " + localPort + " is closed");
            }
            layer.send(localPort, dstAddr, dstPort, payload);
        } finally {
            payload.release();
        }
    }

    /** Runs {@code task} on the loop at {@code deadlineNanos} (the loop's clock), replacing any armed timer. */
    public void setTimer(long deadlineNanos, Runnable task) {
        if (!open) {
            throw new IllegalStateException("UDP socket on port " + localPort + " is closed");
        }
        layer.schedule(this, deadlineNanos, task);
    }

    /** Disarms the timer if one is armed. */
    public void cancelTimer() {
        layer.cancel(this);
    }

    /** Unbinds the port and disarms the timer; later datagrams for the port get ICMP port unreachable. */
    @Override
    public void close() {
        if (open) {
            open = false;
            layer.unbind(this);
        }
    }

    @Override
    public String toString() {
        return "udp socket :" + localPort + (open ? "" : " (closed)");
    }
}
