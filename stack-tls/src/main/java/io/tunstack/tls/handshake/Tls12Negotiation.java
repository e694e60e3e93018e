package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.CipherSuite.KeyExchangeAlgorithm;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.Arrays;
import java.util.List;

/**
 * What a TLS 1.2 server picks from a ClientHello (RFC 5246 §7.4.1.2-3, RFC 8422 §5.1): an ECDHE
 * suite that fits our key, a curve, a signature scheme and ALPN protocol, in the server's order; and
 * whether the client asked for secure renegotiation signalling (RFC 5746 §3.6) and point formats.
 */
record Tls12Negotiation(CipherSuite suite, NamedGroup group, SignatureScheme scheme, String applicationProtocol,
        boolean renegotiationInfo, boolean pointFormats) {

    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3). */
    private static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
    /** The uncompressed point format (RFC 8422 §5.1.2). */
    private static final byte UNCOMPRESSED = 0;

    static Tls12Negotiation negotiate(TlsServerConfig config, ClientHelloOffer hello) throws TlsException {
        if (!contains(hello.compressionMethods(), (byte) 0)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ClientHello without the null compression method (RFC 5246 §7.4.1.2)");
        }
        Extensions extensions = hello.extensions();
        byte[] ems = extensions.get(ExtensionType.EXTENDED_MASTER_SECRET);
        // RFC 7627 §5.2: a server may refuse a client without extended_master_secret; this one does.
        if (ems == null) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "the client does not offer extended_master_secret (RFC 7627)");
        }
        if (ems.length != 0) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "extended_master_secret with a body");
        }
        byte[] renegotiation = extensions.get(ExtensionType.RENEGOTIATION_INFO);
        if (renegotiation != null && !Arrays.equals(renegotiation, new byte[] {0})) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "non-empty renegotiation_info on an initial handshake (RFC 5746 §3.6)");
        }
        byte[] pointFormats = pointFormats(extensions);
        if (pointFormats != null && !contains(pointFormats, UNCOMPRESSED)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "the client does not support uncompressed points (RFC 8422 §5.1.2)");
        }
        KeyExchangeAlgorithm ours = "RSA".equals(config.certificateChain().get(0).getPublicKey().getAlgorithm())
                ? KeyExchangeAlgorithm.ECDHE_RSA : KeyExchangeAlgorithm.ECDHE_ECDSA;
        CipherSuite suite = config.cipherSuites(ProtocolVersion.TLS_1_2).stream()
                .filter(s -> s.keyExchange() == ours && hello.cipherSuites().contains(s.code())).findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no TLS 1.2 " + ours + " cipher suite in common"));
        // RFC 8422 §4: without supported_groups the client takes any curve; we then use our first.
        List<Integer> groups = hello.supportedGroups();
        NamedGroup group = config.groups().stream().filter(g -> groups == null || groups.contains(g.code())).findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no elliptic curve in common"));
        // RFC 5246 §7.4.1.4.1: without signature_algorithms only SHA-1 would do, which this server does not sign with.
        List<Integer> algorithms = hello.signatureAlgorithms();
        if (algorithms == null) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no signature_algorithms: the client would need SHA-1 signatures");
        }
        return new Tls12Negotiation(suite, group, ServerNegotiation.scheme(config, algorithms, false), ServerNegotiation.applicationProtocol(config, hello),
                renegotiation != null || hello.cipherSuites().contains(EMPTY_RENEGOTIATION_INFO_SCSV), pointFormats != null);
    }

    private static byte[] pointFormats(Extensions extensions) throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.EC_POINT_FORMATS);
        if (r == null) {
            return null;
        }
        byte[] formats = r.vector8(1);
        r.expectEnd("ec_point_formats");
        return formats;
    }

    private static boolean contains(byte[] values, byte value) {
        for (byte v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
