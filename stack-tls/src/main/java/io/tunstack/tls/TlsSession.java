package io.tunstack.tls;

import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed handshake negotiated.
 *
 * @param group the key exchange group, null for static RSA
 * @param signatureScheme the scheme the server signed with, null for static RSA
 * @param applicationProtocol the ALPN protocol, null if none was negotiated
 * @param extendedMasterSecret TLS 1.2 only: RFC 7627 was used (always true in TLS 1.3)
 * @param resumed the handshake resumed an earlier session, so no certificates were exchanged. TLS 1.3: it used a
 *     ticket's PSK (psk_dhe_ke), and {@code peerCertificates} is empty. TLS 1.2: an abbreviated handshake
 *     (RFC 5246 §7.3) with a session_id or an RFC 5077 ticket, no key exchange either; {@code group} and
 *     {@code signatureScheme} are null, and {@code peerCertificates} is the chain verified in the full
 *     handshake that established the session
 */
public record TlsSession(
        ProtocolVersion version,
        CipherSuite cipherSuite,
        NamedGroup group,
        SignatureScheme signatureScheme,
        String applicationProtocol,
        List<X509Certificate> peerCertificates,
        boolean helloRetryRequest,
        boolean extendedMasterSecret,
        boolean resumed,
        HandshakeTimeline timeline) {

    /** A short multi-line description for traces. */
    public String describe() {
        return "version " + version + "\n"
                + "cipher suite " + cipherSuite + "\n"
                + "group " + (group == null ? "-" : group.ianaName()) + (helloRetryRequest ? " (after HelloRetryRequest)" : "") + "\n"
                + "signature " + (signatureScheme == null ? "-" : signatureScheme.ianaName()) + "\n"
                + "alpn " + (applicationProtocol == null ? "-" : applicationProtocol) + "\n"
                + (resumed ? "resumed\n" : "")
                + "peer " + (peerCertificates.isEmpty() ? "-" : peerCertificates.get(0).getSubjectX500Principal().getName()) + "\n"
                + timeline;
    }
}
