package io.tunstack.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers with a k/m/g suffix on the command line: sizes in powers of 1024, rates (bit/s) in powers of 1000. */
final class Quantities {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|k|m|g)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(|k|m|g)(?:bit)?", Pattern.CASE_INSENSITIVE);

    private Quantities() {
    }

    /** Bytes, e.g. 256K or 4M; IllegalArgumentException naming {@code option} when unreadable or out of range. */
    static long size(String text, String option) {
        return parse(SIZE, text, 1024, option);
    }

    /** Bits per second, e.g. 500kbit or 1gbit. */
    static long rate(String text, String option) {
        return parse(RATE, text, 1000, option);
    }

    private static long parse(Pattern pattern, String text, long base, String option) {
        Matcher m = pattern.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": cannot read '" + text + "'");
        }
        int power = "kmg".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        double value = Double.parseDouble(m.group(1)) * Math.pow(base, power);
        if (!(value >= 1 && value <= 1e12)) {
            throw new IllegalArgumentException(option + " out of range: " + text);
        }
        return (long) value;
    }
}
