package io.tunstack.core.tcp;

/** Receives connections of a {@link TcpListener} once they reach ESTABLISHED. */
@FunctionalInterface
public interface TcpAcceptHandler {
    /** Called on the event loop; set the connection's handler here to receive its data. */
    void onAccept(TcpConnection connection);
}
