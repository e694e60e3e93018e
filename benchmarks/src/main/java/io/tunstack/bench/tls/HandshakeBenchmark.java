package io.tunstack.bench.tls;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
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
 * Handshakes over the in-memory {@link Pipe}, X25519 key exchange, the server's chain validated against the CA
 * and its name checked. {@code TUNSTACK}: our {@code TlsClient} against our {@code TlsServer}; {@code JDK}:
 * SunJSSE client and server; {@code BCJSSE}: BCJSSE client and server. Each operation is both sides' work.
 * The {@code TLS13_*_RESUMED} kinds are TLS 1.3 handshakes that resume with the ticket of the previous one
 * (psk_dhe_ke: ECDHE but no certificate and no signature), for {@code TUNSTACK} and {@code JDK}: BCJSSE does not
 * resume TLS 1.3 sessions, so that pair fails in setup. The {@code TLS12_*_RESUMED} kinds are TLS 1.2 abbreviated
 * handshakes (no certificate, no key exchange: PRF work and Finished only) resuming the previous handshake's session,
 * for all three: ours and SunJSSE with RFC 5077 tickets, BCJSSE by session ID. Setup checks that each resumes.
 * The other kinds are full handshakes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = "-Djdk.tls.namedGroups=x25519,secp256r1")
public class HandshakeBenchmark {

    /** Protocol version, server certificate, and whether the handshake resumes. */
    public enum Kind {
        TLS13_ECDSA(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, Pki.KeyType.ECDSA, false),
        TLS13_RSA(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, Pki.KeyType.RSA, false),
        TLS12_ECDSA(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, Pki.KeyType.ECDSA, false),
        TLS12_RSA(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, Pki.KeyType.RSA, false),
        TLS13_ECDSA_RESUMED(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, Pki.KeyType.ECDSA, true),
        TLS13_RSA_RESUMED(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, Pki.KeyType.RSA, true),
        TLS12_ECDSA_RESUMED(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, Pki.KeyType.ECDSA, true),
        TLS12_RSA_RESUMED(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, Pki.KeyType.RSA, true);

        final ProtocolVersion version;
        final CipherSuite suite;
        final Pki.KeyType keyType;
        final boolean resumed;

        Kind(ProtocolVersion version, CipherSuite suite, Pki.KeyType keyType, boolean resumed) {
            this.version = version;
            this.suite = suite;
            this.keyType = keyType;
            this.resumed = resumed;
        }

        String jsseProtocol() {
            return version == ProtocolVersion.TLS_1_3 ? "TLSv1.3" : "TLSv1.2";
        }
    }

    /** Whose client and server. */
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
    private TlsServerConfig ourServerConfig;

    @Setup
    public void setUp() throws Exception {
        if (kind.resumed && kind.version == ProtocolVersion.TLS_1_3 && client == Implementation.BCJSSE) {
            // Measured: a BCJSSE server answers the ticket with a full handshake (no TLS 1.3 PSK resumption, bc-java #946).
            throw new UnsupportedOperationException("BCJSSE does not resume TLS 1.3 sessions");
        }
        Pki pki = new Pki(kind.keyType);
        Jsse jsse = client == Implementation.BCJSSE ? Jsse.BCJSSE : Jsse.JDK;
        serverContext = pki.serverContext(jsse);
        clientContext = pki.clientContext(jsse);
        // For full handshakes our client keeps no tickets, so it has nothing to offer; the servers still send one in TLS 1.3.
        ourConfig = TlsConfig.builder()
                .serverName(Pki.SERVER_NAME)
                .certificateVerifier(new PkixCertificateVerifier(TrustStore.of(pki.ca)))
                .versions(kind.version)
                .cipherSuites(kind.suite)
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .keyShares(NamedGroup.X25519)
                .sessionTicketStore(kind.resumed ? new SessionTicketStore(4) : null)
                .build();
        ourServerConfig = pki.ourServerConfig().versions(kind.version).cipherSuites(kind.suite).ticketLifetimeSeconds(3600).build();
        handshake(); // fail fast on a misconfiguration; for the resumed kinds this full handshake brings the first ticket
        long full = pipe.serverBytes();
        handshake();
        if (kind.resumed != (pipe.serverBytes() + pki.leaf.getEncoded().length <= full)) {
            throw new IllegalStateException(client + " " + kind + ": the server sent " + pipe.serverBytes() + " bytes after a first handshake of "
                    + full + (kind.resumed ? ", so it did not resume" : ", so it resumed"));
        }
    }

    @Benchmark
    public Endpoint handshake() throws Exception {
        Endpoint c;
        Endpoint s;
        if (client == Implementation.TUNSTACK) {
            c = new TunstackEndpoint(new TlsClient(ourConfig));
            s = new TunstackEndpoint(new TlsServer(ourServerConfig));
        } else {
            c = EngineEndpoint.client(clientContext, kind.jsseProtocol(), kind.suite.name(), kind.resumed);
            s = EngineEndpoint.server(serverContext, kind.jsseProtocol(), kind.suite.name());
        }
        pipe.handshake(c, s);
        return c;
    }
}
