package io.tunstack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our TLS client over tunstack's TCP through a real TUN against the JDK's SunJSSE and Bouncy Castle's
 * BCJSSE servers, running in this JVM but listening inside the namespace (root; CI). The server's own
 * {@code SSLSession} must report the protocol and suite our {@link TlsSession} does. The client
 * connects by IP address, so the certificate is matched through its iPAddress subjectAltName.
 */
@Timeout(60)
class JsseOverTunTest {
    @RegisterExtension
    static final InteropLab LAB = new InteropLab();

    /** The provider, or null for the JDK default. BCJSSE gets the BC provider for its own SecureRandom and crypto. */
    private static Provider provider(String name) {
        return name.equals("BCJSSE") ? new BouncyCastleJsseProvider(new BouncyCastleProvider()) : null;
    }

    @ParameterizedTest
    @CsvSource({
        "SunJSSE, rsa, TLSv1.3", "SunJSSE, ec, TLSv1.3", "SunJSSE, rsa, TLSv1.2", "SunJSSE, ec, TLSv1.2",
        "BCJSSE, rsa, TLSv1.3", "BCJSSE, ec, TLSv1.3", "BCJSSE, rsa, TLSv1.2", "BCJSSE, ec, TLSv1.2"})
    void serverSessionMatchesOurs(String providerName, String keyType, String protocol) throws Exception {
        InteropPki.ServerKey key = keyType.equals("rsa") ? LAB.pki().rsa() : LAB.pki().ec();
        int port = LAB.nextPort();
        try (JsseServer server = JsseServer.start(LAB.namespace().netns(), port, provider(providerName), key, protocol);
                TunTls tls = LAB.connect(port, LAB.pki().verifying(InteropPki.GATEWAY_ADDRESS).build())) {
            TlsSession session = tls.handshake();
            assertEquals("served hello tunstack\n", tls.exchange("hello tunstack\n"));
            assertEquals(TlsClient.Status.CLOSED, tls.streams().client().status(), "the server closed with close_notify");

            JsseServer.Served served = server.served();
            assertEquals("hello tunstack", served.request());
            assertEquals(protocol, served.protocol());
            assertEquals(protocol.equals("TLSv1.3") ? ProtocolVersion.TLS_1_3 : ProtocolVersion.TLS_1_2, session.version());
            assertEquals(served.cipherSuite(), session.cipherSuite().name());
        }
    }
}
