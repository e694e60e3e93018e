package io.tunstack.cli;

import java.util.regex.Pattern;

/** A strict check that a line is one flat JSON object of string, number, boolean or null members (RFC 8259). */
final class JsonLines {
    private static final String STRING = "\"(?:[^\"\\\\\\x00-\\x1f]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*\"";
    private static final String NUMBER = "-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?";
    private static final String VALUE = "(?:" + STRING + "|" + NUMBER + "|true|false|null)";
    private static final String MEMBER = STRING + ":" + VALUE;
    private static final Pattern OBJECT = Pattern.compile("\\{(?:" + MEMBER + "(?:," + MEMBER + ")*)?\\}");

    private JsonLines() {
    }

    static boolean isFlatObject(String line) {
        return OBJECT.matcher(line).matches();
    }
}
