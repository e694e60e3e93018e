package io.tunstack.core.tcp;

/**
 * CUBIC (RFC 9438): after a congestion event the window follows a cubic function of the time since congestion
 * avoidance began, concave up to the window of the last event (W_max) and convex beyond it, so it regains the
 * old window fast and probes carefully around it, independently of the RTT. The multiplicative decrease is
 * β = 0.7; a Reno-friendly estimate keeps it at least as aggressive as Reno where Reno would do better (short
 * RTTs, small windows). Slow start, recovery, timeouts and undo are {@link LossBasedControl}'s. Windows are in
 * segments here, as in the RFC, and cwnd in bytes.
 */
public final class Cubic extends LossBasedControl {
    /** RFC 9438 §4.6: the multiplicative decrease factor β_cubic. */
    static final double BETA = 0.7;
    /** RFC 9438 §4.2: the constant C, segments per second cubed. */
    static final double C = 0.4;
    /** RFC 9438 §4.3: α_cubic = 3(1 − β)/(1 + β), Reno-friendly with β = 0.7. */
    private static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);
    private static final long NO_EPOCH = Long.MIN_VALUE;
    private static final double NANOS_PER_SECOND = 1e9;

    /** W_max: the window just before the last reduction, after fast convergence (§4.7), segments. */
    private double wMax;
    /** cwnd_prior: the window just before the last reduction, segments (§4.3, §4.6). */
    private double cwndPrior;
    private double undoWMax;
    private double undoCwndPrior;
    /** When the current congestion-avoidance epoch began (§4.2 t = 0), or NO_EPOCH. */
    private long epochStart = NO_EPOCH;
    /** The epoch's W_cubic(0) origin: W_max, or cwnd if that is already larger (then K = 0). */
    private double origin;
    /** K (§4.2, equation 2): seconds from the epoch start until W_cubic reaches the origin again. */
    private double k;
    /** W_est (§4.3): the window Reno would have reached in this epoch, segments. */
    private double wEst;
    private long srttNanos;

    public Cubic(int smss, int iss) {
        super(smss, iss);
    }

    @Override
    public void onRttSample(long rttNanos, long srttNanos) {
        this.srttNanos = srttNanos;
    }

    @Override
    protected void congestionAvoidance(int bytesAcked, long nowNanos) {
        double window = cwnd / (double) smss;
        if (epochStart == NO_EPOCH) {
            epochStart = nowNanos;
            origin = Math.max(wMax, window);
            k = Math.cbrt((origin - window) / C);
            wEst = window;
        }
        double acked = bytesAcked / (double) smss;
        double t = (nowNanos - epochStart) / NANOS_PER_SECOND;
        // §4.3: W_est grows like Reno's window would; α becomes 1 once W_est passes cwnd_prior.
        wEst += (wEst >= cwndPrior ? 1 : ALPHA) * acked / window;
        double next;
        if (wCubic(t) < wEst) {
            next = wEst; // §4.3, the Reno-friendly region
        } else {
            // §4.4: aim at W_cubic one RTT ahead, within [cwnd, 1.5·cwnd], and close the gap over one window.
            double target = Math.min(Math.max(wCubic(t + srttNanos / NANOS_PER_SECOND), window), 1.5 * window);
            next = window + (target - window) * acked / window;
        }
        cwnd = (int) Math.min(Integer.MAX_VALUE, Math.max(cwnd, next * smss));
    }

    /** §4.2 equation (1): W_cubic(t) = C·(t − K)³ + W_max (here the epoch's origin). */
    private double wCubic(double t) {
        double d = t - k;
        return C * d * d * d + origin;
    }

    /**
     * §4.6: ssthresh = max(β·FlightSize, 2·SMSS); §4.7 fast convergence: a window that did not regain the last
     * W_max releases bandwidth to newer flows by remembering a W_max of (1 + β)/2 of it.
     */
    @Override
    protected int reducedWindow(int window) {
        double before = cwnd / (double) smss;
        undoWMax = wMax;
        undoCwndPrior = cwndPrior;
        wMax = before < wMax ? before * (1 + BETA) / 2 : before;
        cwndPrior = before;
        return Math.max((int) (window * BETA), 2 * smss);
    }

    @Override
    protected void restartAvoidance() {
        epochStart = NO_EPOCH;
    }

    @Override
    protected void undoReduction() {
        wMax = undoWMax;
        cwndPrior = undoCwndPrior;
    }
}
