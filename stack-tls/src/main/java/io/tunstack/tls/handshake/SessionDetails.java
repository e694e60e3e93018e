package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeTimeline;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import java.security.cert.X509Certificate;
import java.util.List;

/** What the handshake has negotiated so far; becomes a {@link TlsSession} at the end. */
final class SessionDetails {

    CipherSuite suite;
    NamedGroup group;
    SignatureScheme signatureScheme;
    String applicationProtocol;
    List<X509Certificate> peerCertificates = List.of();
    boolean helloRetryRequest;
    boolean extendedMasterSecret;
    boolean resumed;
    /** Server: the client's SNI host name, or null; bound into the tickets we issue. */
    String serverName;
    /** TLS 1.2 client: the NewSessionTicket of this handshake (RFC 5077 §3.3), or null; kept with the session, not reported. */
    NewSessionTicket12 newSessionTicket12;

    TlsSession toSession(HandshakeTimeline timeline) {
        return new TlsSession(suite.version(), suite, group, signatureScheme, applicationProtocol,
                peerCertificates, helloRetryRequest, extendedMasterSecret, resumed, timeline);
    }
}
