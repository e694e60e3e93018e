package io.tunstack.tls.crypto;

import static io.tunstack.tls.crypto.Wycheproof.hex;
import static io.tunstack.tls.crypto.Wycheproof.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Wycheproof HKDF and HMAC vectors through {@link Hkdf} and {@link Hmac}; plus the RFC 5246 PRF known answer. */
class KdfWycheproofTest {

    @Test
    void hkdfSha256() throws Exception {
        hkdf("hkdf_sha256_test.json", HashAlgorithm.SHA256);
    }

    @Test
    void hkdfSha384() throws Exception {
        hkdf("hkdf_sha384_test.json", HashAlgorithm.SHA384);
    }

    /** Invalid vectors ask for more than 255 * HashLen bytes, which {@link Hkdf#expand} refuses. */
    private static void hkdf(String file, HashAlgorithm hash) throws Exception {
        Wycheproof.run(file, Wycheproof.allGroups(), (g, t) -> Arrays.equals(hex(t, "okm"),
                Hkdf.expand(hash, Hkdf.extract(hash, hex(t, "salt"), hex(t, "ikm")), hex(t, "info"), integer(t, "size"))));
    }

    @Test
    void hmacSha256() throws Exception {
        hmac("hmac_sha256_test.json", HashAlgorithm.SHA256);
    }

    @Test
    void hmacSha384() throws Exception {
        hmac("hmac_sha384_test.json", HashAlgorithm.SHA384);
    }

    /** Groups with tagSize below the hash length compare a truncated MAC, as Wycheproof specifies. */
    private static void hmac(String file, HashAlgorithm hash) throws Exception {
        Wycheproof.run(file, Wycheproof.allGroups(), (g, t) -> {
            byte[] mac = Hmac.mac(hash, hex(t, "key"), hex(t, "msg"));
            return Arrays.equals(Arrays.copyOf(mac, integer(g, "tagSize") / 8), hex(t, "tag"));
        });
    }

    /** A widely published TLS 1.2 PRF (SHA-256) known answer: secret, "test label", seed, 100 bytes. */
    @Test
    void prf12KnownAnswer() {
        HexFormat hex = HexFormat.of();
        byte[] out = Prf12.prf(HashAlgorithm.SHA256, hex.parseHex("9bbe436ba940f017b17652849a71db35"), "test label",
                hex.parseHex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertEquals("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa0"
                + "22f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66",
                hex.formatHex(out));
    }
}
