package io.tunstack.core.tcp;

/** Receives a layer's trace. Events are only created when the sink is not {@link #NONE}. */
@FunctionalInterface
public interface TcpEventSink {
    /** Discards everything; with it the layer allocates no events. */
    TcpEventSink NONE = e -> {
    };

    void onEvent(TcpEvent event);
}
