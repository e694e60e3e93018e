package io.tunstack.cli;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.crypto.NamedGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cipher suite and group names as users type them: the IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
 * secp256r1) or OpenSSL's (ECDHE-RSA-AES128-GCM-SHA256, P-256, prime256v1). Lists are separated by ':' or ','.
 */
final class TlsNames {
    private static final Map<String, CipherSuite> SUITES = new LinkedHashMap<>();
    private static final Map<String, NamedGroup> GROUPS = new LinkedHashMap<>();

    static {
        for (CipherSuite suite : CipherSuite.values()) {
            SUITES.put(suite.name().toLowerCase(Locale.ROOT), suite);
        }
        // OpenSSL's names for the TLS 1.2 suites (openssl-ciphers(1)); TLS 1.3 suites use the IANA names there too.
        SUITES.put("ecdhe-ecdsa-aes128-gcm-sha256", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        SUITES.put("ecdhe-rsa-aes128-gcm-sha256", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        SUITES.put("ecdhe-ecdsa-aes256-gcm-sha384", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
        SUITES.put("ecdhe-rsa-aes256-gcm-sha384", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
        SUITES.put("ecdhe-ecdsa-chacha20-poly1305", CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
        SUITES.put("ecdhe-rsa-chacha20-poly1305", CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
        SUITES.put("aes128-gcm-sha256", CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        SUITES.put("aes256-gcm-sha384", CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384);
        for (NamedGroup group : NamedGroup.values()) {
            GROUPS.put(group.ianaName(), group);
        }
        GROUPS.put("p-256", NamedGroup.SECP256R1);
        GROUPS.put("prime256v1", NamedGroup.SECP256R1);
        GROUPS.put("p-384", NamedGroup.SECP384R1);
    }

    private TlsNames() {
    }

    static CipherSuite[] suites(String list) {
        return parse(list, SUITES, "cipher suite").toArray(CipherSuite[]::new);
    }

    static NamedGroup[] groups(String list) {
        return parse(list, GROUPS, "group").toArray(NamedGroup[]::new);
    }

    private static <T> List<T> parse(String list, Map<String, T> known, String what) {
        List<T> out = new ArrayList<>();
        for (String name : list.split("[:,]")) {
            if (name.isBlank()) {
                continue;
            }
            T value = known.get(name.strip().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("unknown " + what + " '" + name.strip() + "' (known: "
                        + String.join(", ", known.keySet()) + ")");
            }
            if (!out.contains(value)) {
                out.add(value);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty " + what + " list");
        }
        return out;
    }
}
