package io.tunstack.core.tcp;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event in order, for tests and the CLI's trace output. */
public final class RecordingEventSink implements TcpEventSink {
    private final List<TcpEvent> events = new ArrayList<>();

    @Override
    public void onEvent(TcpEvent event) {
        events.add(event);
    }

    public List<TcpEvent> events() {
        return List.copyOf(events);
    }

    /** The recorded events of one type, in order. */
    public <E extends TcpEvent> List<E> ofType(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (TcpEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    public void clear() {
        events.clear();
    }
}
