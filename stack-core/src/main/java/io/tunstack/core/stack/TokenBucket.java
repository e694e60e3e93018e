package io.tunstack.core.stack;

/**
 * A token bucket: up to {@code burst} events at once, then one event per {@code intervalNanos}. Used to
 * rate-limit ICMP error messages (RFC 1122 §3.2.2, RFC 1812 §4.3.2.8). Time comes from the caller, so it works
 * on virtual clocks.
 */
public final class TokenBucket {
    private final int burst;
    private final long intervalNanos;
    private long tokens;
    private long lastRefill;
    private boolean started;

    public TokenBucket(int burst, long intervalNanos) {
        if (burst < 1 || intervalNanos < 1) {
            throw new IllegalArgumentException("burst and interval must be positive: " + burst + ", " + intervalNanos);
        }
        this.burst = burst;
        this.intervalNanos = intervalNanos;
        this.tokens = burst;
    }

    /** Takes one token if there is one at {@code nowNanos}. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }

    private void refill(long nowNanos) {
        if (!started) {
            started = true;
            lastRefill = nowNanos;
            return;
        }
        long earned = (nowNanos - lastRefill) / intervalNanos;
        if (earned > 0) {
            tokens = Math.min(burst, tokens + earned);
            lastRefill += earned * intervalNanos;
        }
    }
}
