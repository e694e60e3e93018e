package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.TlsStreams;
import io.tunstack.tls.record.ProtocolVersion;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our client against in-process JSSE servers on 127.0.0.1: the JDK's SunJSSE and Bouncy Castle's BCJSSE. */
@Timeout(60)
class JsseServerInteropTest {

    static SSLContext serverContext(String providerName, String keyType) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
        if (keyType.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        String signature = keyType.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                new Date(System.currentTimeMillis() - 60_000), new Date(System.currentTimeMillis() + 3_600_000), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.getPrivate(), new char[0], new X509Certificate[] {cert});
        Provider provider = providerName.equals("BCJSSE") ? new BouncyCastleJsseProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()) : null;
        KeyManagerFactory kmf = provider == null ? KeyManagerFactory.getInstance("PKIX") : KeyManagerFactory.getInstance("PKIX", provider);
        kmf.init(store, new char[0]);
        SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        context.init(kmf.getKeyManagers(), null, new java.security.SecureRandom());
        return context;
    }

    @ParameterizedTest
    @CsvSource({
        "SunJSSE, EC, TLSv1.3", "SunJSSE, RSA, TLSv1.3", "SunJSSE, EC, TLSv1.2", "SunJSSE, RSA, TLSv1.2",
        "BCJSSE, EC, TLSv1.3", "BCJSSE, RSA, TLSv1.3", "BCJSSE, EC, TLSv1.2", "BCJSSE, RSA, TLSv1.2"})
    void echoOverLoopback(String provider, String keyType, String protocol) throws Exception {
        SSLContext context = serverContext(provider, keyType);
        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    OutputStream out = s.getOutputStream();
                    out.write(("echo " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return s.getSession().getCipherSuite();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                TlsStreams tls = new TlsStreams(TlsConfig.builder().serverName("localhost").insecure().build(),
                        socket.getInputStream(), socket.getOutputStream());
                TlsSession session = tls.handshake();
                tls.getOutputStream().write("hello tunstack\n".getBytes(StandardCharsets.US_ASCII));
                String reply = new String(tls.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertEquals("echo hello tunstack\n", reply);
                assertEquals(TlsClient.Status.CLOSED, tls.client().status());
                assertEquals(protocol.equals("TLSv1.3") ? ProtocolVersion.TLS_1_3 : ProtocolVersion.TLS_1_2, session.version());
                assertTrue(session.peerCertificates().get(0).getSubjectX500Principal().getName().contains("localhost"));
                tls.close();
                assertEquals(served.get(10, TimeUnit.SECONDS), session.cipherSuite().name());
            }
        }
    }
}
