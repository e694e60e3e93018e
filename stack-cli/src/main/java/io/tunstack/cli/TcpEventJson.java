package io.tunstack.cli;

import io.tunstack.core.tcp.TcpEvent;

/** One TcpEvent as a JSON line: time since the start of the run, connection id, type and the event's fields. */
final class TcpEventJson {
    private TcpEventJson() {
    }

    static String format(TcpEvent event, long startNanos) {
        JsonLine line = new JsonLine()
                .put("time_ms", (event.nowNanos() - startNanos) / 1e6)
                .put("conn", event.connectionId());
        if (event instanceof TcpEvent.StateChange s) {
            line.put("type", "state").put("from", s.from().name()).put("to", s.to().name());
        } else if (event instanceof TcpEvent.Retransmission r) {
            line.put("type", "retransmission").put("kind", r.kind().name())
                    .put("seq", Integer.toUnsignedLong(r.seq())).put("length", r.length());
        } else if (event instanceof TcpEvent.WindowChange w) {
            line.put("type", "window").put("snd_wnd", w.sndWnd());
        } else if (event instanceof TcpEvent.CongestionChange c) {
            line.put("type", "congestion").put("cwnd", c.cwnd()).put("ssthresh", c.ssthresh());
        } else if (event instanceof TcpEvent.RttSample r) {
            line.put("type", "rtt").put("rtt_us", r.rttNanos() / 1000).put("srtt_us", r.srttNanos() / 1000)
                    .put("rttvar_us", r.rttvarNanos() / 1000).put("rto_ms", r.rtoNanos() / 1_000_000);
        }
        return line.toString();
    }
}
