package io.tunstack.tls.crypto;

import java.security.SecureRandom;

/** The key exchange groups this client supports, with their TLS NamedGroup codes (RFC 8446 §4.2.7). */
public enum NamedGroup {
    SECP256R1(0x0017),
    SECP384R1(0x0018),
    X25519(0x001d);

    private final int code;

    NamedGroup(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The group with this code, or null if unsupported. */
    public static NamedGroup fromCode(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return g;
            }
        }
        return null;
    }

    /** A fresh ephemeral key pair in this group. */
    public KeyExchange generate(SecureRandom random) {
        return this == X25519 ? X25519KeyExchange.generate(random) : EcdhKeyExchange.generate(this, random);
    }

    /** The name used in logs and traces (the IANA registry name). */
    public String ianaName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
