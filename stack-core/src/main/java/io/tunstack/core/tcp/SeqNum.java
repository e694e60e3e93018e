package io.tunstack.core.tcp;

/**
 * Sequence number arithmetic modulo 2^32 (RFC 9293 §3.4): a is "less than" b when the signed distance
 * from a to b is positive, which is meaningful while the two are less than 2^31 apart.
 */
public final class SeqNum {
    private SeqNum() {
    }

    /** The signed distance {@code a - b}. */
    public static int diff(int a, int b) {
        return a - b;
    }

    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** {@code low <= x <= high} on the sequence circle. */
    public static boolean between(int low, int x, int high) {
        return x - low >= 0 && high - x >= 0;
    }

    /** The later of the two. */
    public static int max(int a, int b) {
        return a - b >= 0 ? a : b;
    }

    /** The earlier of the two. */
    public static int min(int a, int b) {
        return a - b <= 0 ? a : b;
    }
}
