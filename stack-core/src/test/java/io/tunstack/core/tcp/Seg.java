package io.tunstack.core.tcp;

import static io.tunstack.core.wire.TcpHeader.ACK;
import static io.tunstack.core.wire.TcpHeader.FIN;
import static io.tunstack.core.wire.TcpHeader.PSH;
import static io.tunstack.core.wire.TcpHeader.RST;
import static io.tunstack.core.wire.TcpHeader.SYN;

import io.tunstack.core.wire.TcpHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A segment in a test script: what the test sends, or what it expects. For expectations, flags, payload and
 * every field that was set are compared exactly; fields never set are not checked.
 */
final class Seg {
    int flags;
    Integer seq;
    Integer ack;
    Integer window;
    Integer mss;
    Integer wscale;
    Boolean sackPermitted;
    Integer tsVal;
    Integer tsEcr;
    int[] sack;
    int urgent;
    byte[] payload = new byte[0];
    int srcPort = TcpScript.REMOTE_PORT;
    int dstPort = TcpScript.LOCAL_PORT;

    static Seg seg() {
        return new Seg();
    }

    Seg syn() {
        flags |= SYN;
        return this;
    }

    Seg fin() {
        flags |= FIN;
        return this;
    }

    Seg rst() {
        flags |= RST;
        return this;
    }

    Seg psh() {
        flags |= PSH;
        return this;
    }

    /** URG with the urgent pointer (RFC 9293 §3.8.5); compared only by the flag. */
    Seg urg(int pointer) {
        flags |= TcpHeader.URG;
        urgent = pointer;
        return this;
    }

    Seg seq(int v) {
        seq = v;
        return this;
    }

    Seg ack(int v) {
        flags |= ACK;
        ack = v;
        return this;
    }

    Seg window(int v) {
        window = v;
        return this;
    }

    Seg mss(int v) {
        mss = v;
        return this;
    }

    Seg wscale(int v) {
        wscale = v;
        return this;
    }

    Seg sackPermitted() {
        sackPermitted = true;
        return this;
    }

    Seg ts(int val, int ecr) {
        tsVal = val;
        tsEcr = ecr;
        return this;
    }

    /** SACK blocks as left, right pairs. */
    Seg sack(int... edges) {
        sack = edges;
        return this;
    }

    Seg payload(byte[] bytes) {
        payload = bytes;
        return this;
    }

    Seg payload(String text) {
        return payload(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code n} bytes with value {@code (offset + i) & 0xFF}, so positions in a stream are recognisable. */
    Seg data(int offset, int n) {
        return payload(TcpScript.pattern(offset, n));
    }

    Seg ports(int src, int dst) {
        srcPort = src;
        dstPort = dst;
        return this;
    }

    /** Fills {@code h} for sending; unset numbers are 0 and unset options absent. */
    void fill(TcpHeader h) {
        h.clear();
        h.srcPort = srcPort;
        h.dstPort = dstPort;
        h.flags = flags;
        h.seq = seq == null ? 0 : seq;
        h.ack = ack == null ? 0 : ack;
        h.window = window == null ? 65535 : window;
        h.urgent = urgent;
        h.mss = mss == null ? -1 : mss;
        h.windowScale = wscale == null ? -1 : wscale;
        h.sackPermitted = sackPermitted != null && sackPermitted;
        if (tsVal != null) {
            h.hasTimestamp = true;
            h.tsVal = tsVal;
            h.tsEcr = tsEcr;
        }
        if (sack != null) {
            h.sackCount = sack.length / 2;
            for (int i = 0; i < h.sackCount; i++) {
                h.sackLeft[i] = sack[2 * i];
                h.sackRight[i] = sack[2 * i + 1];
            }
        }
    }

    /** Null when {@code h} and {@code payload} match this expectation, else a description of the difference. */
    String mismatch(TcpHeader h, byte[] actualPayload) {
        StringBuilder sb = new StringBuilder();
        if (h.flags != flags) {
            sb.append(" flags");
        }
        check(sb, "seq", seq, h.seq);
        check(sb, "ack", ack, h.ack);
        check(sb, "window", window, h.window);
        check(sb, "mss", mss, h.mss);
        check(sb, "wscale", wscale, h.windowScale);
        if (sackPermitted != null && sackPermitted != h.sackPermitted) {
            sb.append(" sackPermitted");
        }
        check(sb, "tsVal", tsVal, h.hasTimestamp ? h.tsVal : null);
        check(sb, "tsEcr", tsEcr, h.hasTimestamp ? h.tsEcr : null);
        if (sack != null) {
            int[] actual = new int[2 * h.sackCount];
            for (int i = 0; i < h.sackCount; i++) {
                actual[2 * i] = h.sackLeft[i];
                actual[2 * i + 1] = h.sackRight[i];
            }
            if (!Arrays.equals(sack, actual)) {
                sb.append(" sack=").append(Arrays.toString(actual));
            }
        }
        if (!Arrays.equals(payload, actualPayload)) {
            sb.append(" payload(len ").append(actualPayload.length).append(')');
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void check(StringBuilder sb, String name, Integer expected, Integer actual) {
        if (expected != null && !expected.equals(actual)) {
            sb.append(' ').append(name).append('=').append(actual == null ? "absent" : Integer.toUnsignedString(actual));
        }
    }

    @Override
    public String toString() {
        TcpHeader h = new TcpHeader();
        fill(h);
        if (window == null) {
            h.window = 0;
        }
        return h + (payload.length > 0 ? " len " + payload.length : "");
    }
}
