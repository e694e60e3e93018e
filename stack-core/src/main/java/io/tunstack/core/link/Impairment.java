package io.tunstack.core.link;

/**
 * What an {@link ImpairmentLink} does to the packets of one direction. Probabilities are in [0, 1];
 * times in nanoseconds. Delay is {@code delay} plus a uniform jitter in [0, {@code jitter}]; packets
 * keep their order unless chosen for reordering, which holds them back a further {@code reorderDelay}
 * so that later packets overtake them.
 */
public record Impairment(double loss, long delay, long jitter, double reorder, long reorderDelay,
        double duplicate, double corrupt) {
    public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0, 0, 0);

    public Impairment {
        checkProbability("loss", loss);
        checkProbability("reorder", reorder);
        checkProbability("duplicate", duplicate);
        checkProbability("corrupt", corrupt);
        if (delay < 0 || jitter < 0 || reorderDelay < 0) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1]: " + p);
        }
    }

    public Impairment withLoss(double p) {
        return new Impairment(p, delay, jitter, reorder, reorderDelay, duplicate, corrupt);
    }

    public Impairment withDelay(long nanos, long jitterNanos) {
        return new Impairment(loss, nanos, jitterNanos, reorder, reorderDelay, duplicate, corrupt);
    }

    public Impairment withReorder(double p, long extraNanos) {
        return new Impairment(loss, delay, jitter, p, extraNanos, duplicate, corrupt);
    }

    public Impairment withDuplicate(double p) {
        return new Impairment(loss, delay, jitter, reorder, reorderDelay, p, corrupt);
    }

    public Impairment withCorrupt(double p) {
        return new Impairment(loss, delay, jitter, reorder, reorderDelay, duplicate, p);
    }

    boolean delays() {
        return delay > 0 || jitter > 0 || reorder > 0;
    }
}
