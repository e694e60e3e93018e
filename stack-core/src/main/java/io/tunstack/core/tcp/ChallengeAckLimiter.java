package io.tunstack.core.tcp;

/** RFC 5961 §7: at most N challenge ACKs per second across the layer, so they cannot be used to amplify. */
final class ChallengeAckLimiter {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long windowStart = Long.MIN_VALUE;
    private int sent;

    ChallengeAckLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /** True when one more challenge ACK may be sent at {@code nowNanos}. */
    boolean tryAcquire(long nowNanos) {
        if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= SECOND_NANOS) {
            windowStart = nowNanos;
            sent = 0;
        }
        if (sent < perSecond) {
            sent++;
            return true;
        }
        return false;
    }
}
