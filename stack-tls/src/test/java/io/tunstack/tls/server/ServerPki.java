package io.tunstack.tls.server;

import io.tunstack.tls.ClientCertificateVerifier;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.cert.CertificateValidationException;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.cert.TestPki;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * In-memory certificates for server tests: one test CA, "localhost" server leaves with EC P-256,
 * RSA-2048 and Ed25519 keys, and a client certificate, made once per test JVM.
 */
public final class ServerPki {

    static final TestPki.Issued CA = TestPki.root("tunstack server test CA").selfSigned();
    private static final TestPki.Issued EC = leaf("EC");
    private static final TestPki.Issued RSA = leaf("RSA");
    private static final TestPki.Issued ED25519 = leaf("Ed25519");
    static final TestPki.Issued CLIENT = TestPki.leaf("tunstack test client").extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).signedBy(CA);

    private ServerPki() {
    }

    /** The server leaf with a key of {@code keyType}: EC, RSA or Ed25519. */
    static TestPki.Issued server(String keyType) {
        return switch (keyType) {
            case "EC" -> EC;
            case "RSA" -> RSA;
            case "Ed25519" -> ED25519;
            default -> throw new IllegalArgumentException(keyType);
        };
    }

    static TlsServerConfig.Builder serverConfig(String keyType) {
        TestPki.Issued leaf = server(keyType);
        return TlsServerConfig.builder(leaf.keyPair().getPrivate(), List.of(leaf.certificate(), CA.certificate()));
    }

    /** A TLS 1.3 client that validates the chain against {@link #CA} and checks the name "localhost". */
    static TlsConfig.Builder clientConfig() {
        return TlsConfig.builder().versions(ProtocolVersion.TLS_1_3).serverName("localhost").certificateVerifier(new PkixCertificateVerifier(TestPki.trusting(CA), TestPki.clock()));
    }

    /** Accepts exactly client chains whose leaf {@code ca} signed (unknown_ca otherwise). */
    public static ClientCertificateVerifier issuedBy(X509Certificate ca) {
        return chain -> {
            try {
                chain.get(0).verify(ca.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateValidationException(CertificateValidationException.Reason.UNKNOWN_CA, "not issued by the test CA", e);
            }
        };
    }

    private static TestPki.Issued leaf(String keyType) {
        return TestPki.leaf("localhost").dnsNames("localhost").keyPair(keyPair(keyType)).signedBy(CA);
    }

    private static KeyPair keyPair(String keyType) {
        if (keyType.equals("EC")) {
            return TestPki.newKeyPair();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (keyType.equals("RSA")) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
