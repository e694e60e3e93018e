package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureSigner;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * What a TLS 1.3 server picks from a ClientHello, each in the server's order of preference
 * (RFC 8446 §4.1.1): suite, group, signature scheme and ALPN protocol.
 *
 * @param clientShare the client's key_exchange for {@code group}, or null if the client sent none
 *     for it and a HelloRetryRequest must ask for one
 * @param applicationProtocol null if ALPN is not negotiated
 */
record ServerNegotiation(CipherSuite suite, NamedGroup group, byte[] clientShare, SignatureScheme scheme, String applicationProtocol) {

    static ServerNegotiation negotiate(TlsServerConfig config, ClientHelloOffer hello) throws TlsException {
        CipherSuite suite = config.cipherSuites(ProtocolVersion.TLS_1_3).stream().filter(s -> hello.cipherSuites().contains(s.code())).findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no TLS 1.3 cipher suite in common"));
        List<Integer> groups = hello.supportedGroups();
        Map<Integer, byte[]> shares = hello.keyShares();
        // RFC 8446 §9.2: a ClientHello without PSK must carry supported_groups, key_share and signature_algorithms.
        if (groups == null || shares == null) {
            throw new TlsException(AlertDescription.MISSING_EXTENSION, "TLS 1.3 ClientHello without " + (groups == null ? "supported_groups" : "key_share"));
        }
        List<Integer> algorithms = hello.signatureAlgorithms();
        if (algorithms == null) {
            throw new TlsException(AlertDescription.MISSING_EXTENSION, "TLS 1.3 ClientHello without signature_algorithms");
        }
        // RFC 8446 §4.2.8: each KeyShareEntry must be for a group in supported_groups.
        for (int shared : shares.keySet()) {
            if (!groups.contains(shared)) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("key share for group 0x%04x not in supported_groups", shared));
            }
        }
        NamedGroup group = config.groups().stream().filter(g -> shares.containsKey(g.code())).findFirst()
                .or(() -> config.groups().stream().filter(g -> groups.contains(g.code())).findFirst())
                .orElseThrow(() -> new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no key exchange group in common"));
        return new ServerNegotiation(suite, group, shares.get(group.code()), scheme(config, algorithms, true), applicationProtocol(config, hello));
    }

    /**
     * The first of our schemes the client accepts that our key can make and, in TLS 1.3, that the
     * version allows (RFC 8446 §4.4.3: no RSASSA-PKCS1-v1_5); none is handshake_failure.
     */
    static SignatureScheme scheme(TlsServerConfig config, List<Integer> clientSchemes, boolean tls13) throws TlsException {
        PublicKey key = config.certificateChain().get(0).getPublicKey();
        return config.signatureSchemes().stream()
                .filter(s -> clientSchemes.contains(s.code()) && (!tls13 || s.allowedInTls13Handshake()) && SignatureSigner.canSign(s, key))
                .findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.HANDSHAKE_FAILURE,
                        "the client accepts no signature scheme our " + key.getAlgorithm() + " key can make"));
    }

    /**
     * RFC 7301 §3.2: our first protocol the client offers; none in common is no_application_protocol.
     * Without ALPN on either side none is negotiated.
     */
    static String applicationProtocol(TlsServerConfig config, ClientHelloOffer hello) throws TlsException {
        List<String> offered = hello.applicationProtocols();
        if (offered.isEmpty() || config.applicationProtocols().isEmpty()) {
            return null;
        }
        return config.applicationProtocols().stream().filter(offered::contains).findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.NO_APPLICATION_PROTOCOL, "no ALPN protocol in common: client offers " + offered));
    }
}
