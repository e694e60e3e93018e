package io.tunstack.nativ;

import java.nio.charset.StandardCharsets;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A struct ifreq (netdevice(7), <net/if.h>) in native memory: a 16-byte interface name followed by a
 * 24-byte union of which tunstack uses {@code ifr_flags} (short) and {@code ifr_mtu} (int).
 */
final class Ifreq {
    /** IFNAMSIZ from <net/if.h>, including the terminating NUL. */
    static final int IFNAMSIZ = 16;
    private static final int SIZE = 40;
    private static final int UNION_OFFSET = IFNAMSIZ;

    private final Pointer memory = Memory.allocateDirect(LibC.RUNTIME, SIZE, true);

    Ifreq(String interfaceName) {
        byte[] bytes = checkName(interfaceName).getBytes(StandardCharsets.US_ASCII);
        memory.put(0, bytes, 0, bytes.length);
    }

    /**
     * Validates an interface name as the kernel's dev_valid_name() (net/core/dev.c) does: 1 to IFNAMSIZ-1
     * characters, not "." or "..", no '/', ':' or whitespace; tunstack additionally requires printable ASCII.
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1 to " + (IFNAMSIZ - 1)
                    + " characters: " + name);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name cannot be \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == ':') {
                throw new IllegalArgumentException("interface name may not contain '" + c + "': " + name);
            }
        }
        return name;
    }

    Pointer pointer() {
        return memory;
    }

    void flags(short flags) {
        memory.putShort(UNION_OFFSET, flags);
    }

    int intValue() {
        return memory.getInt(UNION_OFFSET);
    }

    /** The name as the kernel left it (TUNSETIFF writes back the name it chose). */
    String name() {
        return memory.getString(0, IFNAMSIZ, StandardCharsets.US_ASCII);
    }
}
