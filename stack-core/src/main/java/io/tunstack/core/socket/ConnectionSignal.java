package io.tunstack.core.socket;

import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.tcp.TcpCloseReason;
import io.tunstack.core.tcp.TcpConnection;
import io.tunstack.core.tcp.TcpHandler;
import java.io.InterruptedIOException;

/**
 * The hand-off between the loop and the application threads blocked on one connection: the loop's
 * callbacks bump a counter (and record how the connection ended); waiters sleep until the counter
 * moves past what they last saw, so no wake-up between a check and a wait is ever lost.
 */
final class ConnectionSignal implements TcpHandler {
    private long events;
    private boolean connected;
    private TcpCloseReason closeReason;
    private IcmpError softError;

    synchronized long events() {
        return events;
    }

    synchronized boolean connected() {
        return connected;
    }

    synchronized TcpCloseReason closeReason() {
        return closeReason;
    }

    /** The last ICMP error the connection had when it ended, or null. */
    synchronized IcmpError softError() {
        return softError;
    }

    /**
     * Waits until an event after {@code seen}, or until {@code deadlineNanos} (System.nanoTime; Long.MAX_VALUE
     * for none). Wakes every 100 ms so a stopped host is noticed by the caller's next check.
     *
     * @return false if the deadline passed
     */
    synchronized boolean awaitAfter(long seen, long deadlineNanos) throws InterruptedIOException {
        while (events == seen) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = Math.max(1, Math.min(100, left / 1_000_000));
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting on a connection");
            }
            if (events == seen) {
                return true; // a periodic wake-up: the caller re-checks the host and the connection
            }
        }
        return true;
    }

    private synchronized void bump() {
        events++;
        notifyAll();
    }

    @Override
    public void onConnected(TcpConnection c) {
        synchronized (this) {
            connected = true;
        }
        bump();
    }

    @Override
    public void onReadable(TcpConnection c) {
        bump();
    }

    @Override
    public void onWritable(TcpConnection c) {
        bump();
    }

    @Override
    public void onClosed(TcpConnection c, TcpCloseReason reason) {
        synchronized (this) {
            closeReason = reason;
            softError = c.softError();
        }
        bump();
    }
}
