package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.server.ServerPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real TLS 1.3 and 1.2 clients against our server on 127.0.0.1: openssl s_client, gnutls-cli, SunJSSE and BCJSSE. */
@Timeout(60)
class TlsServerInteropTest {

    private static final String LINE = "hello tunstack server";
    private static final String ECHO = "echo " + LINE;

    @ParameterizedTest
    @CsvSource({
        "TLS_AES_128_GCM_SHA256, EC", "TLS_AES_256_GCM_SHA384, EC", "TLS_CHACHA20_POLY1305_SHA256, EC",
        "TLS_AES_128_GCM_SHA256, RSA", "TLS_AES_256_GCM_SHA384, RSA", "TLS_CHACHA20_POLY1305_SHA256, RSA"})
    void opensslClientEverySuite(CipherSuite suite, String keyType) throws Exception {
        try (OurServer server = OurServer.start(OurServer.config(keyType).build())) {
            String output = openssl(server, "-ciphersuites", suite.name());
            assertTrue(output.contains(ECHO), output);
            assertTrue(output.contains("Verification: OK"), output);
            assertTrue(output.contains("Ciphersuite: " + suite.name()), output);
            TlsSession session = server.result();
            assertEquals(suite, session.cipherSuite());
            assertEquals(NamedGroup.X25519, session.group());
        }
    }

    /** s_client's only key share is P-384, which this server does not take: HelloRetryRequest for X25519. */
    @Test
    void opensslClientAfterHelloRetryRequest() throws Exception {
        try (OurServer server = OurServer.start(OurServer.config("EC").groups(NamedGroup.X25519, NamedGroup.SECP256R1).build())) {
            String output = openssl(server, "-groups", "P-384:X25519");
            assertTrue(output.contains(ECHO), output);
            TlsSession session = server.result();
            assertTrue(session.helloRetryRequest());
            assertEquals(NamedGroup.X25519, session.group());
        }
    }

    @Test
    void opensslClientWithAlpn() throws Exception {
        try (OurServer server = OurServer.start(OurServer.config("EC").applicationProtocols("http/1.1", "h2").build())) {
            String output = openssl(server, "-alpn", "h2,http/1.1");
            assertTrue(output.contains(ECHO), output);
            assertEquals("http/1.1", server.result().applicationProtocol());
        }
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3, ec", "-tls1_3, rsa", "-tls1_2, ec", "-tls1_2, rsa"})
    void opensslClientWithCertificate(String version, String kind) throws Exception {
        TestPki pki = TestPki.get();
        TlsServerConfig config = OurServer.config("RSA").clientAuthentication(TlsServerConfig.ClientAuthentication.REQUIRED,
                ServerPki.issuedBy(TestPki.load(pki.caCert))).build();
        try (OurServer server = OurServer.start(config)) {
            String output = opensslWith(server, version, "-cert", pki.clientCert(kind).toString(), "-key", pki.clientKey(kind).toString());
            assertTrue(output.contains(ECHO), output);
            TlsSession session = server.result();
            assertTrue(session.peerCertificates().get(0).getSubjectX500Principal().getName().contains("tunstack test client " + kind));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256, EC",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE-ECDSA-AES256-GCM-SHA384, EC",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-ECDSA-CHACHA20-POLY1305, EC",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256, RSA",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ECDHE-RSA-AES256-GCM-SHA384, RSA",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-RSA-CHACHA20-POLY1305, RSA"})
    void opensslClientTls12(CipherSuite suite, String opensslName, String keyType) throws Exception {
        try (OurServer server = OurServer.start(OurServer.config(keyType).build())) {
            String output = opensslWith(server, "-tls1_2", "-cipher", opensslName);
            assertTrue(output.contains(ECHO), output);
            assertTrue(output.contains("Protocol version: TLSv1.2"), output);
            TlsSession session = server.result();
            assertEquals(suite, session.cipherSuite());
            assertTrue(session.extendedMasterSecret());
        }
    }

    @ParameterizedTest
    @CsvSource({"EC, NORMAL:-VERS-ALL:+VERS-TLS1.3, TLS1.3", "RSA, NORMAL:-VERS-ALL:+VERS-TLS1.3, TLS1.3",
        "EC, NORMAL:-VERS-ALL:+VERS-TLS1.2, TLS1.2", "RSA, NORMAL:-VERS-ALL:+VERS-TLS1.2, TLS1.2"})
    void gnutlsClient(String keyType, String priority, String version) throws Exception {
        ClientProcess.assumeInstalled("gnutls-cli");
        try (OurServer server = OurServer.start(OurServer.config(keyType).build())) {
            String output = ClientProcess.converse(List.of("gnutls-cli", "127.0.0.1", "-p", String.valueOf(server.port()),
                    "--verify-hostname", "localhost", "--x509cafile", TestPki.get().caCert.toString(),
                    "--priority", priority), LINE, ECHO);
            assertTrue(output.contains(ECHO), output);
            assertTrue(output.contains(version), output);
            assertFalse(server.result().helloRetryRequest());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "SunJSSE, EC, TLS_AES_128_GCM_SHA256", "SunJSSE, RSA, TLS_AES_256_GCM_SHA384", "SunJSSE, EC, TLS_CHACHA20_POLY1305_SHA256",
        "BCJSSE, EC, TLS_AES_128_GCM_SHA256", "BCJSSE, RSA, TLS_AES_256_GCM_SHA384", "BCJSSE, RSA, TLS_CHACHA20_POLY1305_SHA256",
        "SunJSSE, EC, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "SunJSSE, RSA, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "BCJSSE, EC, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "BCJSSE, RSA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
    void jsseClient(String providerName, String keyType, String suite) throws Exception {
        String protocol = suite.startsWith("TLS_ECDHE") ? "TLSv1.2" : "TLSv1.3";
        try (OurServer server = OurServer.start(OurServer.config(keyType).build())) {
            try (SSLSocket socket = (SSLSocket) clientContext(providerName).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(15_000);
                socket.setEnabledProtocols(new String[] {protocol});
                socket.setEnabledCipherSuites(new String[] {suite});
                javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName("localhost")));
                socket.setSSLParameters(parameters);
                OutputStream out = socket.getOutputStream();
                out.write((LINE + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertEquals(ECHO, reply);
                assertEquals(protocol, socket.getSession().getProtocol());
                assertEquals(suite, socket.getSession().getCipherSuite());
            }
            assertEquals(suite, server.result().cipherSuite().name());
        }
    }

    private static String openssl(OurServer server, String... options) throws Exception {
        List<String> tls13 = new ArrayList<>(List.of("-tls1_3"));
        tls13.addAll(List.of(options));
        return opensslWith(server, tls13.toArray(String[]::new));
    }

    private static String opensslWith(OurServer server, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", TestPki.get().caCert.toString(),
                "-verify_return_error", "-brief"));
        command.addAll(List.of(options));
        return ClientProcess.converse(command, LINE, ECHO);
    }

    static SSLContext clientContext(String providerName) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TestPki.load(TestPki.get().caCert));
        Provider provider = providerName.equals("BCJSSE") ? new BouncyCastleJsseProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()) : null;
        TrustManagerFactory tmf = provider == null ? TrustManagerFactory.getInstance("PKIX") : TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(trust);
        SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        context.init(null, tmf.getTrustManagers(), new java.security.SecureRandom());
        return context;
    }
}
