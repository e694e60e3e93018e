package io.tunstack.core.tcp;

import java.time.Duration;

/**
 * Tunables of a {@link TcpLayer}. Immutable; build with {@link #builder()}. Durations are kept in nanoseconds
 * because the layer runs on a nanosecond {@link io.tunstack.core.time.Clock}.
 */
public final class TcpConfig {
    /** The IPv4 + TCP header bytes without options that an MTU must hold besides the MSS (RFC 9293 §3.7.1). */
    static final int IP_TCP_HEADERS = 40;

    private final int mtu;
    private final int sendBufferSize;
    private final int receiveBufferSize;
    private final long mslNanos;
    private final long initialRtoNanos;
    private final long minRtoNanos;
    private final long maxRtoNanos;
    private final int maxRetransmissions;
    private final int maxSynRetransmissions;
    private final long connectTimeoutNanos;
    private final long delayedAckNanos;
    private final long finWait2TimeoutNanos;
    private final boolean keepalive;
    private final long keepaliveIdleNanos;
    private final long keepaliveIntervalNanos;
    private final int keepaliveCount;
    private final int challengeAcksPerSecond;
    private final String congestionControl;
    private final boolean timestamps;
    private final boolean windowScaling;
    private final boolean sack;
    private final LossDetection lossDetection;
    private final boolean proportionalRateReduction;
    private final int maxReassemblyRanges;
    private final boolean verifyChecksum;
    private final boolean headerPrediction;
    private final Integer fixedIss;

    private TcpConfig(Builder b) {
        mtu = b.mtu;
        sendBufferSize = b.sendBufferSize;
        receiveBufferSize = b.receiveBufferSize;
        mslNanos = b.mslNanos;
        initialRtoNanos = b.initialRtoNanos;
        minRtoNanos = b.minRtoNanos;
        maxRtoNanos = b.maxRtoNanos;
        maxRetransmissions = b.maxRetransmissions;
        maxSynRetransmissions = b.maxSynRetransmissions;
        connectTimeoutNanos = b.connectTimeoutNanos;
        delayedAckNanos = b.delayedAckNanos;
        finWait2TimeoutNanos = b.finWait2TimeoutNanos;
        keepalive = b.keepalive;
        keepaliveIdleNanos = b.keepaliveIdleNanos;
        keepaliveIntervalNanos = b.keepaliveIntervalNanos;
        keepaliveCount = b.keepaliveCount;
        challengeAcksPerSecond = b.challengeAcksPerSecond;
        congestionControl = b.congestionControl;
        timestamps = b.timestamps;
        windowScaling = b.windowScaling;
        sack = b.sack;
        lossDetection = b.lossDetection;
        proportionalRateReduction = b.proportionalRateReduction;
        maxReassemblyRanges = b.maxReassemblyRanges;
        verifyChecksum = b.verifyChecksum;
        headerPrediction = b.headerPrediction;
        fixedIss = b.fixedIss;
    }

    public static TcpConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int mtu() {
        return mtu;
    }

    /** The MSS we announce: MTU minus IPv4 and TCP headers (RFC 9293 §3.7.1). */
    public int mss() {
        return mtu - IP_TCP_HEADERS;
    }

    public int sendBufferSize() {
        return sendBufferSize;
    }

    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** Maximum segment lifetime; TIME-WAIT lasts twice this (RFC 9293 §3.4.2). */
    public long mslNanos() {
        return mslNanos;
    }

    public long initialRtoNanos() {
        return initialRtoNanos;
    }

    public long minRtoNanos() {
        return minRtoNanos;
    }

    public long maxRtoNanos() {
        return maxRtoNanos;
    }

    /** Retransmissions of one data segment or FIN before the connection times out (RFC 1122 §4.2.3.5 R2). */
    public int maxRetransmissions() {
        return maxRetransmissions;
    }

    /** Retransmissions of a SYN or SYN-ACK before giving up. */
    public int maxSynRetransmissions() {
        return maxSynRetransmissions;
    }

    public long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }

    public long delayedAckNanos() {
        return delayedAckNanos;
    }

    public long finWait2TimeoutNanos() {
        return finWait2TimeoutNanos;
    }

    public boolean keepalive() {
        return keepalive;
    }

    public long keepaliveIdleNanos() {
        return keepaliveIdleNanos;
    }

    public long keepaliveIntervalNanos() {
        return keepaliveIntervalNanos;
    }

    public int keepaliveCount() {
        return keepaliveCount;
    }

    /** Layer-wide limit of challenge ACKs (RFC 5961 §7). */
    public int challengeAcksPerSecond() {
        return challengeAcksPerSecond;
    }

    public String congestionControl() {
        return congestionControl;
    }

    public boolean timestamps() {
        return timestamps;
    }

    public boolean windowScaling() {
        return windowScaling;
    }

    public boolean sack() {
        return sack;
    }

    public LossDetection lossDetection() {
        return lossDetection;
    }

    public boolean proportionalRateReduction() {
        return proportionalRateReduction;
    }

    public int maxReassemblyRanges() {
        return maxReassemblyRanges;
    }

    public boolean verifyChecksum() {
        return verifyChecksum;
    }

    public boolean headerPrediction() {
        return headerPrediction;
    }

    /** Test hook: every connection uses this ISS instead of the RFC 6528 generator; null = generator. */
    Integer fixedIss() {
        return fixedIss;
    }

    /** The sender's loss detector on SACK connections; congestion control stays {@link #congestionControl()}. */
    public enum LossDetection {
        /** RFC 8985: losses by time (RACK) and Tail Loss Probes, reordering window adapted by D-SACK. */
        RACK_TLP,
        /** RFC 6675: DupThresh duplicate ACKs or IsLost(), and go-back-N after a timeout. */
        DUP_THRESH
    }

    /** Mutable builder with the defaults documented per method. */
    public static final class Builder {
        private int mtu = 1500;
        private int sendBufferSize = 256 * 1024;
        private int receiveBufferSize = 256 * 1024;
        private long mslNanos = Duration.ofSeconds(30).toNanos();
        private long initialRtoNanos = Duration.ofSeconds(1).toNanos();
        private long minRtoNanos = Duration.ofMillis(200).toNanos();
        private long maxRtoNanos = Duration.ofSeconds(60).toNanos();
        private int maxRetransmissions = 15;
        private int maxSynRetransmissions = 6;
        private long connectTimeoutNanos = Duration.ofSeconds(75).toNanos();
        private long delayedAckNanos = Duration.ofMillis(40).toNanos();
        private long finWait2TimeoutNanos = Duration.ofSeconds(60).toNanos();
        private boolean keepalive;
        private long keepaliveIdleNanos = Duration.ofHours(2).toNanos();
        private long keepaliveIntervalNanos = Duration.ofSeconds(75).toNanos();
        private int keepaliveCount = 9;
        private int challengeAcksPerSecond = 1000;
        private String congestionControl = "newreno";
        private boolean timestamps = true;
        private boolean windowScaling = true;
        private boolean sack = true;
        private LossDetection lossDetection = LossDetection.RACK_TLP;
        private boolean proportionalRateReduction = true;
        private int maxReassemblyRanges = 64;
        private boolean verifyChecksum = true;
        private boolean headerPrediction = true;
        private Integer fixedIss;

        private Builder() {
        }

        /** Link MTU, default 1500; the announced MSS is MTU − 40. */
        public Builder mtu(int v) {
            if (v < 68 + IP_TCP_HEADERS) {
                throw new IllegalArgumentException("mtu too small: " + v);
            }
            mtu = v;
            return this;
        }

        /** Send buffer bytes per connection, default 256 KiB. */
        public Builder sendBufferSize(int v) {
            sendBufferSize = positive(v);
            return this;
        }

        /** Receive buffer bytes per connection, default 256 KiB; it also chooses our window scale. */
        public Builder receiveBufferSize(int v) {
            receiveBufferSize = positive(v);
            return this;
        }

        /** Maximum segment lifetime, default 30 s (TIME-WAIT = 2 MSL). */
        public Builder msl(Duration d) {
            mslNanos = d.toNanos();
            return this;
        }

        /** Initial RTO, default 1 s (RFC 6298 §2.1). */
        public Builder initialRto(Duration d) {
            initialRtoNanos = d.toNanos();
            return this;
        }

        /** Lower RTO bound, default 200 ms (RFC 6298 §2.4 allows below 1 s). */
        public Builder minRto(Duration d) {
            minRtoNanos = d.toNanos();
            return this;
        }

        /** Upper RTO bound, default 60 s (RFC 6298 §2.5). */
        public Builder maxRto(Duration d) {
            maxRtoNanos = d.toNanos();
            return this;
        }

        public Builder maxRetransmissions(int v) {
            maxRetransmissions = positive(v);
            return this;
        }

        public Builder maxSynRetransmissions(int v) {
            maxSynRetransmissions = positive(v);
            return this;
        }

        /** Active-open timeout, default 75 s. */
        public Builder connectTimeout(Duration d) {
            connectTimeoutNanos = d.toNanos();
            return this;
        }

        /** Delayed ACK timer, default 40 ms (RFC 1122 §4.2.3.2: under 0.5 s; RFC 5681 §4.2). */
        public Builder delayedAck(Duration d) {
            delayedAckNanos = d.toNanos();
            return this;
        }

        /** How long an orphaned FIN-WAIT-2 waits for the peer's FIN, default 60 s. */
        public Builder finWait2Timeout(Duration d) {
            finWait2TimeoutNanos = d.toNanos();
            return this;
        }

        /** Enables keepalive (RFC 1122 §4.2.3.6; off by default) with idle time, probe interval and count. */
        public Builder keepalive(Duration idle, Duration interval, int count) {
            keepalive = true;
            keepaliveIdleNanos = idle.toNanos();
            keepaliveIntervalNanos = interval.toNanos();
            keepaliveCount = positive(count);
            return this;
        }

        /** Challenge ACKs per second for the whole layer (RFC 5961 §7), default 1000. */
        public Builder challengeAcksPerSecond(int v) {
            challengeAcksPerSecond = positive(v);
            return this;
        }

        /** Congestion control algorithm by name, see {@link CongestionControls}; default "newreno". */
        public Builder congestionControl(String name) {
            CongestionControls.factory(name);
            congestionControl = name;
            return this;
        }

        /** Offer RFC 7323 timestamps, default true. */
        public Builder timestamps(boolean v) {
            timestamps = v;
            return this;
        }

        /** Offer RFC 7323 window scaling, default true. */
        public Builder windowScaling(boolean v) {
            windowScaling = v;
            return this;
        }

        /** Offer SACK-permitted and send SACK blocks (RFC 2018), default true. */
        public Builder sack(boolean v) {
            sack = v;
            return this;
        }

        /**
         * How a SACK connection decides that a segment is lost, default {@link LossDetection#RACK_TLP}; without
         * SACK the RFC 5681 / RFC 6582 duplicate-ACK rules apply either way.
         */
        public Builder lossDetection(LossDetection v) {
            lossDetection = java.util.Objects.requireNonNull(v);
            return this;
        }

        /**
         * Whether SACK loss recovery paces its sending with Proportional Rate Reduction (RFC 9937), default true as in
         * Linux; false sends by RFC 6675 §5 alone (cwnd = ssthresh at once, then what pipe allows).
         */
        public Builder proportionalRateReduction(boolean v) {
            proportionalRateReduction = v;
            return this;
        }

        /** Out-of-order ranges held per connection, default 64; segments that need more are dropped. */
        public Builder maxReassemblyRanges(int v) {
            maxReassemblyRanges = positive(v);
            return this;
        }

        /** Verify incoming checksums, default true; off only where the link already did. */
        public Builder verifyChecksum(boolean v) {
            verifyChecksum = v;
            return this;
        }

        /**
         * Header prediction, default true: in-order text and plain ACKs of new data on an established connection take
         * a short path with the same outcome. False runs every segment through the general rules of RFC 9293
         * §3.10.7.4, to compare the two.
         */
        public Builder headerPrediction(boolean v) {
            headerPrediction = v;
            return this;
        }

        /** Test hook: use {@code iss} as every connection's initial send sequence number. */
        public Builder fixedIss(int iss) {
            fixedIss = iss;
            return this;
        }

        public TcpConfig build() {
            if (minRtoNanos > maxRtoNanos) {
                throw new IllegalArgumentException("minRto > maxRto");
            }
            return new TcpConfig(this);
        }

        private static int positive(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("must be positive: " + v);
            }
            return v;
        }
    }
}
