package io.tunstack.bench.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import io.tunstack.tls.TlsServerConfig;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made in memory: an ECDSA P-256 CA and a server certificate for "localhost" with either an
 * ECDSA P-256 or an RSA-2048 key, and the JSSE contexts of both sides (SunJSSE or BCJSSE) that use it.
 */
final class Pki {
    static final String SERVER_NAME = "localhost";
    private static final char[] NO_PASSWORD = new char[0];

    /** The server key type. */
    enum KeyType {
        ECDSA, RSA
    }

    final X509Certificate ca;
    final X509Certificate leaf;
    private final KeyPair leafKeys;

    Pki(KeyType type) throws Exception {
        KeyPair caKeys = generate(KeyType.ECDSA);
        X500Name caName = new X500Name("CN=tunstack bench CA");
        ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, notBefore(), notAfter(), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);
        leafKeys = generate(type);
        leaf = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, notBefore(), notAfter(),
                new X500Name("CN=" + SERVER_NAME), leafKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, SERVER_NAME))), caKeys);
    }

    /**
     * A server context presenting the leaf and the CA certificate, with the key manager that reads the private key
     * once ({@link Jsse#keyManagerAlgorithm}): the "PKIX" one decrypts it from the PKCS#12 store (PBKDF2) on
     * every handshake.
     */
    SSLContext serverContext(Jsse jsse) throws Exception {
        KeyStore store = emptyStore();
        store.setKeyEntry("server", leafKeys.getPrivate(), NO_PASSWORD, new X509Certificate[] {leaf, ca});
        Provider provider = jsse.provider();
        KeyManagerFactory kmf = provider == null ? KeyManagerFactory.getInstance(jsse.keyManagerAlgorithm())
                : KeyManagerFactory.getInstance(jsse.keyManagerAlgorithm(), provider);
        kmf.init(store, NO_PASSWORD);
        SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        context.init(kmf.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    /** Our server's configuration: the leaf and the CA certificate, TLS 1.3 and 1.2 enabled. */
    TlsServerConfig.Builder ourServerConfig() {
        return TlsServerConfig.builder(leafKeys.getPrivate(), List.of(leaf, ca));
    }

    /** A client context trusting the CA (PKIX validation; hostname checked by the engine's parameters). */
    SSLContext clientContext(Jsse jsse) throws Exception {
        KeyStore store = emptyStore();
        store.setCertificateEntry("ca", ca);
        Provider provider = jsse.provider();
        TrustManagerFactory tmf = provider == null ? TrustManagerFactory.getInstance("PKIX") : TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(store);
        SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        context.init(null, tmf.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type == KeyType.ECDSA ? "EC" : "RSA");
        if (type == KeyType.ECDSA) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static Date notBefore() {
        return new Date(System.currentTimeMillis() - 3_600_000);
    }

    private static Date notAfter() {
        return new Date(System.currentTimeMillis() + 86_400_000);
    }
}
