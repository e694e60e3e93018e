package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A received ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2), with readers for the extensions a server acts on. */
public record ClientHelloOffer(int legacyVersion, byte[] random, byte[] legacySessionId, List<Integer> cipherSuites,
        byte[] compressionMethods, Extensions extensions) {

    /** What a client may change in its second ClientHello after a HelloRetryRequest (RFC 8446 §4.1.2); padding is RFC 7685. */
    private static final Set<Integer> CHANGEABLE_AFTER_RETRY = Set.of(ExtensionType.KEY_SHARE, ExtensionType.COOKIE,
            ExtensionType.PRE_SHARED_KEY, ExtensionType.EARLY_DATA, ExtensionType.PADDING);

    /** HostName in a ServerName entry (RFC 6066 §3). */
    private static final int NAME_TYPE_HOST_NAME = 0;

    public static ClientHelloOffer decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8(0);
        if (sessionId.length > 32) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "legacy_session_id longer than 32 bytes");
        }
        List<Integer> suites = r.u16List(2);
        byte[] compression = r.vector8(1);
        Extensions extensions = Extensions.read(r);
        r.expectEnd("ClientHello");
        List<Integer> types = extensions.types();
        // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension.
        if (types.contains(ExtensionType.PRE_SHARED_KEY) && types.get(types.size() - 1) != ExtensionType.PRE_SHARED_KEY) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "pre_shared_key is not the last extension");
        }
        return new ClientHelloOffer(version, random, sessionId, suites, compression, extensions);
    }

    /** supported_versions (RFC 8446 §4.2.1), or an empty list if absent. */
    public List<Integer> supportedVersions() throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.SUPPORTED_VERSIONS);
        if (r == null) {
            return List.of();
        }
        ByteReader list = r.sub(1);
        r.expectEnd("supported_versions");
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "supported_versions of " + list.remaining() + " bytes");
        }
        List<Integer> versions = new ArrayList<>();
        while (list.hasRemaining()) {
            versions.add(list.u16());
        }
        return versions;
    }

    /** named_group_list of supported_groups (RFC 8446 §4.2.7), or null if absent. */
    public List<Integer> supportedGroups() throws TlsException {
        return u16ListExtension(ExtensionType.SUPPORTED_GROUPS, "supported_groups");
    }

    /** supported_signature_algorithms of signature_algorithms (RFC 8446 §4.2.3), or null if absent. */
    public List<Integer> signatureAlgorithms() throws TlsException {
        return u16ListExtension(ExtensionType.SIGNATURE_ALGORITHMS, "signature_algorithms");
    }

    /**
     * client_shares of key_share (RFC 8446 §4.2.8): group code to key_exchange, in the client's order,
     * or null if absent. A group twice is illegal_parameter.
     */
    public Map<Integer, byte[]> keyShares() throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.KEY_SHARE);
        if (r == null) {
            return null;
        }
        ByteReader list = r.sub(2);
        r.expectEnd("key_share");
        Map<Integer, byte[]> shares = new LinkedHashMap<>();
        while (list.hasRemaining()) {
            int group = list.u16();
            if (shares.put(group, list.vector16(1)) != null) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("two key shares for group 0x%04x", group));
            }
        }
        return shares;
    }

    /** ke_modes of psk_key_exchange_modes (RFC 8446 §4.2.9), or null if absent. */
    public List<Integer> pskKeyExchangeModes() throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.PSK_KEY_EXCHANGE_MODES);
        if (r == null) {
            return null;
        }
        byte[] modes = r.vector8(1);
        r.expectEnd("psk_key_exchange_modes");
        List<Integer> values = new ArrayList<>();
        for (byte mode : modes) {
            values.add(mode & 0xff);
        }
        return values;
    }

    /**
     * The host_name of server_name (RFC 6066 §3), or null if absent or without one. Only checked as far as
     * it is read: a malformed extension is decode_error.
     */
    public String serverName() throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.SERVER_NAME);
        if (r == null) {
            return null;
        }
        ByteReader list = r.sub(2);
        r.expectEnd("server_name");
        while (list.hasRemaining()) {
            int type = list.u8();
            byte[] name = list.vector16(1);
            if (type == NAME_TYPE_HOST_NAME) {
                return new String(name, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    /** ProtocolNameList of ALPN (RFC 7301 §3.1), or an empty list if absent. */
    public List<String> applicationProtocols() throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (r == null) {
            return List.of();
        }
        ByteReader list = r.sub(2);
        r.expectEnd("ALPN extension");
        List<String> protocols = new ArrayList<>();
        while (list.hasRemaining()) {
            protocols.add(new String(list.vector8(1), StandardCharsets.US_ASCII));
        }
        if (protocols.isEmpty()) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "empty ALPN protocol list");
        }
        return protocols;
    }

    /**
     * RFC 8446 §4.1.2: after a HelloRetryRequest the client sends the same ClientHello, changing only
     * key_share, cookie, pre_shared_key, early_data (removed) and padding.
     */
    public boolean sameAsBeforeRetry(ClientHelloOffer first) {
        return legacyVersion == first.legacyVersion && Arrays.equals(random, first.random)
                && Arrays.equals(legacySessionId, first.legacySessionId) && cipherSuites.equals(first.cipherSuites)
                && Arrays.equals(compressionMethods, first.compressionMethods)
                && extensions.sameExcept(first.extensions, CHANGEABLE_AFTER_RETRY)
                && !extensions.types().contains(ExtensionType.EARLY_DATA);
    }

    private List<Integer> u16ListExtension(int type, String name) throws TlsException {
        ByteReader r = extensions.reader(type);
        if (r == null) {
            return null;
        }
        List<Integer> values = r.u16List(2);
        r.expectEnd(name);
        return values;
    }
}
