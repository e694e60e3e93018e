package io.tunstack.cli.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Header fields in received order; names compare case-insensitively (RFC 9110 §5.1). */
public final class HttpHeaders {
    /** One field line. */
    public record Field(String name, String value) {
    }

    private final List<Field> fields;

    private HttpHeaders(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    /** Parses "name: value" lines (RFC 9112 §5): no whitespace before the colon, no obsolete line folding. */
    static HttpHeaders parse(List<String> lines) throws HttpFormatException {
        List<Field> fields = new ArrayList<>(lines.size());
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !Token.isToken(line.substring(0, colon))) {
                throw new HttpFormatException("malformed header line: " + Token.printable(line));
            }
            fields.add(new Field(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new HttpHeaders(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    /** The values of every field named {@code name}, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Whether the comma-separated list field {@code name} has the token {@code token} last (RFC 9110 §5.6.1). */
    boolean lastTokenIs(String name, String token) {
        List<String> values = all(name);
        if (values.isEmpty()) {
            return false;
        }
        String[] last = String.join(",", values).split(",");
        return last[last.length - 1].strip().toLowerCase(Locale.ROOT).equals(token);
    }
}
