package io.tunstack.cli;

/** Builds one JSON object on one line (RFC 8259), for the JSON-lines event log. No nesting needed. */
final class JsonLine {
    private final StringBuilder text = new StringBuilder("{");

    JsonLine put(String key, String value) {
        key(key);
        if (value == null) {
            text.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonLine put(String key, long value) {
        key(key);
        text.append(value);
        return this;
    }

    /** A finite number; JSON has no NaN or infinity, so those become null. */
    JsonLine put(String key, double value) {
        key(key);
        text.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key);
        text.append(value);
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private void key(String key) {
        if (text.length() > 1) {
            text.append(',');
        }
        string(key);
        text.append(':');
    }

    /** RFC 8259 §7: quote, backslash and control characters must be escaped. */
    private void string(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
