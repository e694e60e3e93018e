package io.tunstack.core.dns;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Domain names as text (RFC 1035 §5.1 presentation form: labels separated by dots, an optional final dot,
 * {@code \DDD} and {@code \X} escapes) and as wire labels, with the length limits of RFC 1035 §2.3.4: labels of
 * 1..63 octets and at most 255 octets on the wire. The root is {@code "."}.
 */
public final class DnsName {
    /** RFC 1035 §2.3.4. */
    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_WIRE_LENGTH = 255;

    private DnsName() {
    }

    /**
     * The wire labels of {@code text}, without the final empty root label.
     *
     * @throws IllegalArgumentException for empty labels, labels over 63 octets, names over 255 octets, bad escapes
     */
    public static List<byte[]> labels(String text) {
        List<byte[]> labels = new ArrayList<>();
        if (text.equals(".")) {
            return labels;
        }
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        int wireLength = 1;
        int i = 0;
        int n = text.length();
        while (i <= n) {
            if (i == n || text.charAt(i) == '.') {
                if (label.size() == 0) {
                    if (i == n && i > 0 && !labels.isEmpty()) {
                        break; // the final dot of an absolute name
                    }
                    throw new IllegalArgumentException("empty label in DNS name \"" + text + "\"");
                }
                if (label.size() > MAX_LABEL_LENGTH) {
                    throw new IllegalArgumentException("label of " + label.size() + " octets (max "
                            + MAX_LABEL_LENGTH + ") in DNS name \"" + text + "\"");
                }
                wireLength += 1 + label.size();
                if (wireLength > MAX_WIRE_LENGTH) {
                    throw new IllegalArgumentException("DNS name longer than " + MAX_WIRE_LENGTH + " octets: \""
                            + text + "\"");
                }
                labels.add(label.toByteArray());
                label.reset();
                i++;
            } else if (text.charAt(i) == '\\') {
                i = unescape(text, i, label);
            } else {
                char c = text.charAt(i++);
                if (c > 0x7E || c < 0x21) {
                    throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                            + " must be escaped in DNS name \"" + text + "\"");
                }
                label.write(c);
            }
        }
        return labels;
    }

    /** Reads the escape at {@code text[i] == '\\'} into {@code label}; returns the index after it. */
    private static int unescape(String text, int i, ByteArrayOutputStream label) {
        if (i + 1 >= text.length()) {
            throw new IllegalArgumentException("dangling escape in DNS name \"" + text + "\"");
        }
        char c = text.charAt(i + 1);
        if (c < '0' || c > '9') {
            label.write(c);
            return i + 2;
        }
        if (i + 3 >= text.length()) {
            throw new IllegalArgumentException("\\DDD escape needs three digits in DNS name \"" + text + "\"");
        }
        int value = 0;
        for (int k = 1; k <= 3; k++) {
            char d = text.charAt(i + k);
            if (d < '0' || d > '9') {
                throw new IllegalArgumentException("\\DDD escape needs three digits in DNS name \"" + text + "\"");
            }
            value = value * 10 + (d - '0');
        }
        if (value > 255) {
            throw new IllegalArgumentException("\\DDD escape above 255 in DNS name \"" + text + "\"");
        }
        label.write(value);
        return i + 4;
    }

    /** Appends one label's octets to {@code text}, escaping dots, backslashes and non-printable octets. */
    static void appendLabel(StringBuilder text, byte[] octets, int offset, int length) {
        for (int k = offset; k < offset + length; k++) {
            int b = octets[k] & 0xFF;
            if (b == '.' || b == '\\') {
                text.append('\\').append((char) b);
            } else if (b < 0x21 || b > 0x7E) {
                text.append('\\').append(String.format("%03d", b));
            } else {
                text.append((char) b);
            }
        }
    }

    /**
     * The canonical text of a name for comparisons: escapes resolved and re-applied uniformly, ASCII letters in
     * lower case (DNS names compare case-insensitively, RFC 4343 §3), no final dot; the root is {@code "."}.
     */
    public static String canonical(String text) {
        List<byte[]> labels = labels(text);
        if (labels.isEmpty()) {
            return ".";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (byte[] label : labels) {
            if (out.length() > 0) {
                out.append('.');
            }
            appendLabel(out, label, 0, label.length);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** True when both texts name the same domain (case-insensitive, escapes resolved). */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }
}
