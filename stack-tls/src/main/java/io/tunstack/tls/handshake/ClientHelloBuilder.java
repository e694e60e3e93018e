package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds the ClientHello extensions from the configuration (RFC 8446 §4.2, RFC 5246 §7.4.1.4). */
final class ClientHelloBuilder {

    /** HostName in a ServerName entry (RFC 6066 §3). */
    private static final int NAME_TYPE_HOST_NAME = 0;
    /** The uncompressed point format (RFC 8422 §5.1.2). */
    private static final int POINT_FORMAT_UNCOMPRESSED = 0;

    private ClientHelloBuilder() {
    }

    /**
     * @param keyShares the TLS 1.3 key shares to send (ignored when TLS 1.3 is disabled)
     * @param cookie the cookie from a HelloRetryRequest, or null
     * @param preSharedKey the unbound pre_shared_key extension, sent last (RFC 8446 §4.2.11), or null
     * @param sessionTicket the TLS 1.2 session_ticket extension (RFC 5077 §3.2), or null
     */
    static ClientHello build(TlsConfig config, byte[] random, byte[] sessionId, List<KeyExchange> keyShares, byte[] cookie, Extension preSharedKey,
            Extension sessionTicket) {
        boolean tls13 = config.enabled(ProtocolVersion.TLS_1_3);
        boolean tls12 = config.enabled(ProtocolVersion.TLS_1_2);
        List<Extension> extensions = new ArrayList<>();
        String host = config.sniHostName();
        if (host != null) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            extensions.add(new Extension(ExtensionType.SERVER_NAME,
                    new ByteWriter().vector(2, w -> w.u8(NAME_TYPE_HOST_NAME).opaque(2, name)).toByteArray()));
        }
        extensions.add(new Extension(ExtensionType.SUPPORTED_GROUPS,
                new ByteWriter().vector(2, w -> config.groups().forEach(g -> w.u16(g.code()))).toByteArray()));
        if (tls12) {
            extensions.add(new Extension(ExtensionType.EC_POINT_FORMATS,
                    new ByteWriter().vector(1, w -> w.u8(POINT_FORMAT_UNCOMPRESSED)).toByteArray()));
        }
        extensions.add(new Extension(ExtensionType.SIGNATURE_ALGORITHMS,
                new ByteWriter().vector(2, w -> config.signatureSchemes().stream().mapToInt(SignatureScheme::code).forEach(w::u16)).toByteArray()));
        if (!config.applicationProtocols().isEmpty()) {
            extensions.add(new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                    new ByteWriter().vector(2, w -> config.applicationProtocols().forEach(
                            p -> w.opaque(1, p.getBytes(StandardCharsets.US_ASCII)))).toByteArray()));
        }
        if (tls12 && sessionTicket != null) {
            extensions.add(sessionTicket);
        }
        if (tls12) {
            extensions.add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
            // RFC 5746 §3.4: an empty renegotiated_connection on the initial handshake.
            extensions.add(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0}));
        }
        if (tls13) {
            extensions.add(new Extension(ExtensionType.SUPPORTED_VERSIONS, new ByteWriter().vector(1, w -> {
                w.u16(ProtocolVersion.TLS_1_3.code());
                if (tls12) {
                    w.u16(ProtocolVersion.TLS_1_2.code());
                }
            }).toByteArray()));
            extensions.add(new Extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, new byte[] {1, PreSharedKeyExtension.PSK_DHE_KE}));
            extensions.add(new Extension(ExtensionType.KEY_SHARE, new ByteWriter().vector(2,
                    w -> keyShares.forEach(k -> w.u16(k.group().code()).opaque(2, k.publicKey()))).toByteArray()));
            if (cookie != null) {
                extensions.add(new Extension(ExtensionType.COOKIE, new ByteWriter().opaque(2, cookie).toByteArray()));
            }
            if (preSharedKey != null) {
                extensions.add(preSharedKey);
            }
        }
        return new ClientHello(random, sessionId, config.cipherSuites(), extensions);
    }

    /** A one-line summary for traces, e.g. "TLSv1.3,TLSv1.2, 9 suites, groups x25519,secp256r1, key shares x25519, SNI example.com". */
    static String describe(TlsConfig config, List<KeyExchange> keyShares) {
        StringJoiner out = new StringJoiner(", ");
        out.add(Stream.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2).filter(config::enabled).map(String::valueOf).collect(Collectors.joining(",")));
        out.add(config.cipherSuites().size() + " suites");
        out.add("groups " + config.groups().stream().map(NamedGroup::ianaName).collect(Collectors.joining(",")));
        if (!keyShares.isEmpty()) {
            out.add("key shares " + keyShares.stream().map(k -> k.group().ianaName()).collect(Collectors.joining(",")));
        }
        out.add(config.sniHostName() == null ? "no SNI" : "SNI " + config.sniHostName());
        if (!config.applicationProtocols().isEmpty()) {
            out.add("ALPN " + String.join(",", config.applicationProtocols()));
        }
        return out.toString();
    }

    static List<KeyExchange> generateShares(TlsConfig config, List<NamedGroup> groups) {
        List<KeyExchange> shares = new ArrayList<>();
        for (NamedGroup g : groups) {
            shares.add(g.generate(config.random()));
        }
        return shares;
    }
}
