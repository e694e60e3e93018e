package io.tunstack.bench;

import java.util.Arrays;

/**
 * Statistics over rounds in which contenders took turns (the CPU-time harnesses): comparing within each round
 * cancels the machine's fast and slow phases, which every contender of a round shares.
 */
public final class Rounds {
    private Rounds() {
    }

    /** The median over rounds of {@code numerator[r] / denominator[r]}. */
    public static double medianRatio(double[] numerator, double[] denominator) {
        double[] ratios = new double[numerator.length];
        for (int r = 0; r < numerator.length; r++) {
            ratios[r] = numerator[r] / denominator[r];
        }
        return sorted(ratios)[ratios.length / 2];
    }

    /** A sorted copy of {@code values} (for minimum, percentiles and median). */
    public static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
