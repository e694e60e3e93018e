package io.tunstack.core.tcp;

/**
 * Retransmission timeout computation of RFC 6298: SRTT and RTTVAR smoothed from round-trip samples (§2),
 * RTO = SRTT + max(G, 4·RTTVAR) clamped to [min, max] (§2.4, §2.5), and exponential backoff on expiry (§5.5)
 * that a new sample clears.
 */
final class RttEstimator {
    /** Clock granularity G of RFC 6298 §2: our timestamps tick in milliseconds. */
    static final long GRANULARITY_NANOS = 1_000_000L;
    /** RFC 6298 §5.7: after a SYN timed out, data transmission starts from an RTO of at least 3 s. */
    private static final long RTO_AFTER_SYN_TIMEOUT_NANOS = 3_000_000_000L;

    private final long minRto;
    private final long maxRto;
    private long srtt;
    private long rttvar;
    private boolean hasSample;
    private long baseRto;
    private int backoff;

    RttEstimator(long initialRto, long minRto, long maxRto) {
        this.minRto = minRto;
        this.maxRto = maxRto;
        this.baseRto = Math.min(maxRto, initialRto);
    }

    /** Folds in one measurement R (RFC 6298 §2.2 for the first, §2.3 for later ones) and clears the backoff. */
    void sample(long r) {
        long rtt = Math.max(r, 0);
        if (!hasSample) {
            srtt = rtt;
            rttvar = rtt / 2;
            hasSample = true;
        } else {
            rttvar = rttvar - (rttvar >> 2) + (Math.abs(srtt - rtt) >> 2);
            srtt = srtt - (srtt >> 3) + (rtt >> 3);
        }
        baseRto = clamp(srtt + Math.max(GRANULARITY_NANOS, 4 * rttvar));
        backoff = 0;
    }

    /** The timer expired: double the RTO (RFC 6298 §5.5), bounded by the maximum. */
    void backoff() {
        if (rto() < maxRto) {
            backoff++;
        }
    }

    /** The SYN was retransmitted and no sample was taken: RFC 6298 §5.7. */
    void synTimedOut() {
        if (!hasSample) {
            baseRto = Math.max(baseRto, Math.min(maxRto, RTO_AFTER_SYN_TIMEOUT_NANOS));
            backoff = 0;
        }
    }

    /** The current RTO including backoff. */
    long rto() {
        long rto = baseRto;
        for (int i = 0; i < backoff && rto < maxRto; i++) {
            rto <<= 1;
        }
        return Math.min(rto, maxRto);
    }

    int backoffCount() {
        return backoff;
    }

    boolean hasSample() {
        return hasSample;
    }

    long srtt() {
        return srtt;
    }

    long rttvar() {
        return rttvar;
    }

    private long clamp(long rto) {
        return Math.max(minRto, Math.min(maxRto, rto));
    }
}
