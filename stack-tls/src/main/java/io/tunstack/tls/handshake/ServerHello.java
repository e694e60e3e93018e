package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** A ServerHello or HelloRetryRequest (RFC 8446 §4.1.3-4.1.4, RFC 5246 §7.4.1.3). */
public record ServerHello(int legacyVersion, byte[] random, byte[] sessionIdEcho, int cipherSuite, Extensions extensions) {

    /** SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM =
            HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    /** "DOWNGRD" followed by 01 (TLS 1.2 negotiated) or 00 (TLS 1.1 or below), RFC 8446 §4.1.3. */
    private static final byte[] DOWNGRADE_PREFIX = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44};

    public static ServerHello decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8(0);
        if (sessionId.length > 32) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "legacy_session_id_echo longer than 32 bytes");
        }
        int suite = r.u16();
        int compression = r.u8();
        if (compression != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server chose compression method " + compression);
        }
        Extensions extensions = Extensions.read(r);
        r.expectEnd("ServerHello");
        return new ServerHello(version, random, sessionId, suite, extensions);
    }

    /** A ServerHello (or, with {@link #helloRetryRequestRandom()}, a HelloRetryRequest) with legacy_version 0x0303 and no compression. */
    public static HandshakeMessage encode(byte[] random, byte[] sessionIdEcho, int cipherSuite, List<Extension> extensions) {
        return HandshakeMessage.of(HandshakeType.SERVER_HELLO, new ByteWriter().u16(ProtocolVersion.TLS_1_2.code()).bytes(random)
                .opaque(1, sessionIdEcho).u16(cipherSuite).u8(0).extensions(extensions).toByteArray());
    }

    /** The random of every HelloRetryRequest (RFC 8446 §4.1.3). */
    public static byte[] helloRetryRequestRandom() {
        return HELLO_RETRY_REQUEST_RANDOM.clone();
    }

    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    /** RFC 8446 §4.1.3: a TLS 1.3 server negotiating TLS 1.2 ends its random with "DOWNGRD" 01. */
    public static void markTls12Downgrade(byte[] random) {
        System.arraycopy(DOWNGRADE_PREFIX, 0, random, 24, DOWNGRADE_PREFIX.length);
        random[31] = 1;
    }

    /** True if the last 8 bytes of the random are a TLS 1.3 downgrade sentinel. */
    public boolean hasDowngradeSentinel() {
        return Arrays.equals(random, 24, 31, DOWNGRADE_PREFIX, 0, 7) && (random[31] == 0 || random[31] == 1);
    }

    /** The version in supported_versions, or -1 if the extension is absent (RFC 8446 §4.2.1). */
    public int selectedVersion() throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.SUPPORTED_VERSIONS);
        if (r == null) {
            return -1;
        }
        int version = r.u16();
        r.expectEnd("supported_versions");
        return version;
    }
}
