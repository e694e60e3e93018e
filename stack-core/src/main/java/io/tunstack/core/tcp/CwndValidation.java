package io.tunstack.core.tcp;

/**
 * Congestion window validation (RFC 7661) for one connection: pipeACK, the data acknowledged per RTT, tells
 * whether the sender used its cwnd. pipeACK lags one RTT behind a slow start whose ACKs come in bursts, so the
 * largest FlightSize sent in the same period counts too (as Linux's tcp_is_cwnd_limited looks at the packets
 * out). While both are below ½·cwnd the sender is in the non-validated phase (NVP): the
 * cwnd it did not use is kept but not grown (§4.3), and after an NVP of {@link #NVP_DURATION_NANOS} it is reduced
 * (§4.4.2). Which values cwnd and ssthresh take is congestion control's ({@link CongestionControl#onNvpEnd}).
 */
final class CwndValidation {
    /** RFC 7661 §4.4.2: the longest the sender keeps an unused cwnd. */
    static final long NVP_DURATION_NANOS = 300_000_000_000L;
    /** RFC 7661 §4.2: pipeACK is the largest sample of the last pipeACK sampling period, at least 3 RTTs. */
    private static final int SAMPLES = 3;
    private static final long NEVER = Long.MAX_VALUE;

    private final long[] samples = new long[SAMPLES];
    private int sampleCount;
    private int next;
    private int sampleStartUna;
    private long sampleStartNanos;
    private long nvpStart = NEVER;
    private boolean sampling;
    /** The largest FlightSize at a transmission in this sampling period and in the one before. */
    private long flightHigh;
    private long previousFlightHigh;

    /** A segment went out, leaving {@code flightSize} bytes outstanding. */
    void onSend(int flightSize) {
        flightHigh = Math.max(flightHigh, flightSize);
    }

    /**
     * An ACK moved SND.UNA to {@code sndUna}: closes a pipeACK sample once an RTT has passed since the last one.
     * Returns true when the sender is in the validated phase (pipeACK ≥ ½·cwnd, or no sample yet), when cwnd may
     * grow.
     */
    boolean onAck(int sndUna, int cwnd, long rtt, long now) {
        if (!sampling) {
            // The first period starts at the first ACK, so that it covers a whole flight of ACKs.
            sampling = true;
            sampleStartUna = sndUna;
            sampleStartNanos = now;
        } else if (now - sampleStartNanos >= Math.max(rtt, RttEstimator.GRANULARITY_NANOS)) {
            samples[next] = sndUna - sampleStartUna;
            next = (next + 1) % SAMPLES;
            sampleCount = Math.min(sampleCount + 1, SAMPLES);
            sampleStartUna = sndUna;
            sampleStartNanos = now;
            previousFlightHigh = flightHigh;
            flightHigh = 0;
        }
        boolean validated = sampleCount == 0 || 2 * Math.max(pipeAck(), Math.max(flightHigh, previousFlightHigh)) >= cwnd;
        if (validated) {
            nvpStart = NEVER;
        } else if (nvpStart == NEVER) {
            nvpStart = now;
        }
        return validated;
    }

    /** True once per NVP duration the sender stayed non-validated (§4.4.2): congestion control reduces then. */
    boolean nvpExpired(long now) {
        if (nvpStart == NEVER || now - nvpStart < NVP_DURATION_NANOS) {
            return false;
        }
        nvpStart = now;
        return true;
    }

    /** The largest sample of the sampling period, bytes. */
    long pipeAck() {
        long max = 0;
        for (int i = 0; i < sampleCount; i++) {
            max = Math.max(max, samples[i]);
        }
        return max;
    }
}
