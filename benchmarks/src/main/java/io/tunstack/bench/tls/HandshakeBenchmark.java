package io.tunstack.bench.tls;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.cert.TrustStore;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Full handshakes (no resumption) over the in-memory {@link Pipe}, X25519 key exchange, the server's chain
 * validated against the CA and its name checked. {@code TUNSTACK}: our {@code TlsClient} against a SunJSSE
 * {@code SSLEngine} server (tunstack has no TLS server); {@code JDK}: SunJSSE client and server; {@code BCJSSE}:
 * BCJSSE client and server. Each operation is both sides' work, so the server's share is common to
 * {@code TUNSTACK} and {@code JDK}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = "-Djdk.tls.namedGroups=x25519,secp256r1")
public class HandshakeBenchmark {

    /** Protocol version and server certificate. */
    public enum Kind {
        TLS13_ECDSA(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, Pki.KeyType.ECDSA),
        TLS13_RSA(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, Pki.KeyType.RSA),
        TLS12_ECDSA(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, Pki.KeyType.ECDSA),
        TLS12_RSA(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, Pki.KeyType.RSA);

        final ProtocolVersion version;
        final CipherSuite suite;
        final Pki.KeyType keyType;

        Kind(ProtocolVersion version, CipherSuite suite, Pki.KeyType keyType) {
            this.version = version;
            this.suite = suite;
            this.keyType = keyType;
        }

        String jsseProtocol() {
            return version == ProtocolVersion.TLS_1_3 ? "TLSv1.3" : "TLSv1.2";
        }
    }

    /** Who plays the client (and, for BCJSSE, the server too). */
    public enum Implementation {
        TUNSTACK, JDK, BCJSSE
    }

    @Param
    Kind kind;

    @Param
    Implementation client;

    private final Pipe pipe = new Pipe();
    private SSLContext serverContext;
    private SSLContext clientContext;
    private TlsConfig ourConfig;

    @Setup
    public void setUp() throws Exception {
        Pki pki = new Pki(kind.keyType);
        Jsse jsse = client == Implementation.BCJSSE ? Jsse.BCJSSE : Jsse.JDK;
        serverContext = pki.serverContext(jsse);
        clientContext = pki.clientContext(jsse);
        ourConfig = TlsConfig.builder()
                .serverName(Pki.SERVER_NAME)
                .certificateVerifier(new PkixCertificateVerifier(TrustStore.of(pki.ca)))
                .versions(kind.version)
                .cipherSuites(kind.suite)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .keyShares(NamedGroup.X25519)
                .build();
        handshake(); // fail fast on a misconfiguration
    }

    @Benchmark
    public Endpoint handshake() throws Exception {
        Endpoint c = client == Implementation.TUNSTACK
                ? new ClientEndpoint(ourConfig)
                : EngineEndpoint.client(clientContext, kind.jsseProtocol(), kind.suite.name());
        pipe.handshake(c, EngineEndpoint.server(serverContext, kind.jsseProtocol(), kind.suite.name()));
        return c;
    }
}
