package io.tunstack.cli.http;

/** RFC 9110 §5.6.2 tokens, and safe display of peer-supplied text in error messages. */
final class Token {
    private static final String DELIMITERS = "\"(),/:;<=>?@[\\]{}";

    private Token() {
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || DELIMITERS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** At most 80 characters with control characters replaced, so an error stays one readable line. */
    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + cut.replaceAll("[\\x00-\\x1f\\x7f]", "?") + '"';
    }
}
