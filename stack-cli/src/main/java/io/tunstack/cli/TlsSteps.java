package io.tunstack.cli;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A completed handshake as the messages that made it up, in order, with what each carried and when it
 * happened (from the {@link io.tunstack.tls.HandshakeTimeline}). TLS 1.3 flights follow RFC 8446 §2,
 * TLS 1.2 flights RFC 5246 §7.3.
 */
final class TlsSteps {
    /** One step: the timeline event, the messages it stands for, their direction and what they carried. */
    record Step(HandshakeEvent event, long nanos, String messages, boolean fromClient, String carried) {
    }

    private TlsSteps() {
    }

    static List<Step> of(TlsSession session, TlsConfig config) {
        boolean tls13 = session.version() == ProtocolVersion.TLS_1_3;
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<HandshakeEvent, Long> e : session.timeline().events().entrySet()) {
            long at = e.getValue();
            steps.add(switch (e.getKey()) {
                case CLIENT_HELLO_SENT -> new Step(e.getKey(), at, "ClientHello", true, clientHello(config));
                case HELLO_RETRY_REQUEST_RECEIVED -> new Step(e.getKey(), at, "HelloRetryRequest", false,
                        "asks for a key share for " + groupName(session.group()));
                case SERVER_HELLO_RECEIVED -> new Step(e.getKey(), at, "ServerHello", false, session.version() + ", "
                        + session.cipherSuite() + ", key exchange " + groupName(session.group()));
                case CERTIFICATE_VERIFIED -> new Step(e.getKey(), at,
                        tls13 ? "EncryptedExtensions, Certificate, CertificateVerify" : "Certificate, ServerKeyExchange",
                        false, certificate(session, config));
                case SERVER_FINISHED_RECEIVED -> new Step(e.getKey(), at, tls13 ? "Finished" : "ChangeCipherSpec, Finished",
                        false, tls13 ? "server handshake MAC verified" : "server Finished verified");
                case CLIENT_FINISHED_SENT -> new Step(e.getKey(), at,
                        tls13 ? "Finished" : "ClientKeyExchange, ChangeCipherSpec, Finished", true,
                        tls13 ? "client handshake MAC" : "key exchange done, client Finished");
            });
        }
        steps.sort(Comparator.comparingLong(Step::nanos));
        return steps;
    }

    private static String clientHello(TlsConfig config) {
        String versions = config.enabled(ProtocolVersion.TLS_1_3) && config.enabled(ProtocolVersion.TLS_1_2)
                ? "TLSv1.3, TLSv1.2" : config.enabled(ProtocolVersion.TLS_1_3) ? "TLSv1.3" : "TLSv1.2";
        String sni = config.sniHostName() == null ? "no SNI" : "SNI " + config.sniHostName();
        String alpn = config.applicationProtocols().isEmpty() ? "" : ", ALPN " + String.join(",", config.applicationProtocols());
        return versions + ", " + config.cipherSuites().size() + " suites, groups "
                + config.groups().stream().map(NamedGroup::ianaName).collect(Collectors.joining(",")) + ", " + sni + alpn;
    }

    private static String certificate(TlsSession session, TlsConfig config) {
        String alpn = session.applicationProtocol() == null ? "" : "ALPN " + session.applicationProtocol() + "; ";
        if (session.peerCertificates().isEmpty()) {
            return alpn + "no certificate";
        }
        X509Certificate leaf = session.peerCertificates().get(0);
        return alpn + "subject " + leaf.getSubjectX500Principal().getName() + ", issuer "
                + leaf.getIssuerX500Principal().getName()
                + (session.signatureScheme() == null ? "" : ", signed " + session.signatureScheme().ianaName())
                + (config.certificateVerifier() == null ? " (NOT verified: --insecure)" : " (verified)");
    }

    private static String groupName(NamedGroup group) {
        return group == null ? "static RSA" : group.ianaName();
    }
}
