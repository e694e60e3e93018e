package io.tunstack.core.tcp;

import java.security.SecureRandom;

/**
 * Initial sequence numbers per RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey),
 * M a timer ticking every 4 µs and F SipHash-2-4 keyed with a random secret. The same keyed hash gives each
 * connection a private timestamp offset (RFC 7323 §5.4).
 */
final class IsnGenerator {
    private static final long FOUR_MICROS_NANOS = 4_000;
    private static final int SALT_ISN = 0;
    private static final int SALT_TIMESTAMP = 1;

    private final long k0;
    private final long k1;

    IsnGenerator(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    static IsnGenerator withRandomKey() {
        SecureRandom random = new SecureRandom();
        return new IsnGenerator(random.nextLong(), random.nextLong());
    }

    int iss(int localAddr, int localPort, int remoteAddr, int remotePort, long nowNanos) {
        int m = (int) (nowNanos / FOUR_MICROS_NANOS);
        return m + (int) hash(localAddr, localPort, remoteAddr, remotePort, SALT_ISN);
    }

    int timestampOffset(int localAddr, int localPort, int remoteAddr, int remotePort) {
        return (int) hash(localAddr, localPort, remoteAddr, remotePort, SALT_TIMESTAMP);
    }

    /** SipHash-2-4 of the 16-byte message (localAddr, remoteAddr, localPort, remotePort, salt). */
    long hash(int localAddr, int localPort, int remoteAddr, int remotePort, int salt) {
        long m0 = ((long) localAddr << 32) | (remoteAddr & 0xFFFFFFFFL);
        long m1 = ((long) ((localPort << 16) | remotePort) << 32) | (salt & 0xFFFFFFFFL);
        State s = new State(k0, k1);
        s.absorb(m0);
        s.absorb(m1);
        s.absorb(16L << 56);
        return s.finish();
    }

    /** SipHash internal state (Aumasson and Bernstein, 2012). */
    private static final class State {
        private long v0;
        private long v1;
        private long v2;
        private long v3;

        State(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void absorb(long m) {
            v3 ^= m;
            round();
            round();
            v0 ^= m;
        }

        long finish() {
            v2 ^= 0xFF;
            for (int i = 0; i < 4; i++) {
                round();
            }
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void round() {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
    }
}
