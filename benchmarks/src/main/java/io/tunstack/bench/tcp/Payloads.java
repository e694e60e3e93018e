package io.tunstack.bench.tcp;

/** Segment payloads. */
final class Payloads {
    private Payloads() {
    }

    /** {@code n} bytes that are not all zero, so checksums and copies see real data. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
