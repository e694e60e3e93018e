package io.tunstack.core.tcp;

/** Callbacks of one connection; all run on the event loop thread during input or timer processing. */
public interface TcpHandler {
    /** The three-way handshake of an active open completed. */
    default void onConnected(TcpConnection c) {
    }

    /**
     * The peer's urgent pointer arrived or advanced (RFC 9293 §3.8.5): {@code c.urgentBytes()} of what is read
     * next are urgent. The data itself arrives in the stream as usual.
     */
    default void onUrgent(TcpConnection c) {
    }

    /** New in-order bytes, or the peer's FIN, can be read. */
    default void onReadable(TcpConnection c) {
    }

    /** Acknowledged data freed room in the send buffer. */
    default void onWritable(TcpConnection c) {
    }

    /** The connection is finished for the user; called once. */
    default void onClosed(TcpConnection c, TcpCloseReason reason) {
    }
}
