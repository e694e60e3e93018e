package io.tunstack.core.wire;

/** Conversions between IPv4 addresses as {@code int} (network-order value) and dotted-quad text. */
public final class Ipv4Address {

    private Ipv4Address() {
    }

    /** Dotted-quad text, e.g. {@code 0xC6120002} → {@code "198.18.0.2"}. */
    public static String format(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 0xFF) + "." + ((addr >>> 8) & 0xFF) + "." + (addr & 0xFF);
    }

    /**
     * Parses strict dotted-quad text (four decimal parts of 1-3 digits, each 0-255), e.g. {@code "198.18.0.2"}.
     *
     * @throws IllegalArgumentException if the text is not such an address
     */
    public static int parse(String dotted) {
        int addr = 0;
        int parts = 0;
        int i = 0;
        int n = dotted.length();
        while (i <= n) {
            int start = i;
            int part = 0;
            while (i < n && dotted.charAt(i) >= '0' && dotted.charAt(i) <= '9') {
                part = part * 10 + (dotted.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            boolean separatorOk = parts < 3 ? i < n && dotted.charAt(i) == '.' : i == n;
            if (digits == 0 || digits > 3 || part > 255 || !separatorOk) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: \"" + dotted + "\"");
            }
            addr = (addr << 8) | part;
            parts++;
            i++;
        }
        return addr;
    }
}
