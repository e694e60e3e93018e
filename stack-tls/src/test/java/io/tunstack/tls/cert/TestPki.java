package io.tunstack.tls.cert;

import java.io.StringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificate factory: root CAs, intermediates and leaves with EC P-256 keys, built with
 * bcpkix. Dates are relative to the fixed instant {@link #NOW}; validate with {@link #clock()}.
 *
 * <pre>{@code
 * TestPki.Issued root = TestPki.root("Root").selfSigned();
 * TestPki.Issued ca = TestPki.intermediate("Issuing CA").signedBy(root);
 * TestPki.Issued leaf = TestPki.leaf("www").dnsNames("www.example.com").signedBy(ca);
 * }</pre>
 */
public final class TestPki {

    /** The instant all default validity windows are centred on. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private TestPki() {
    }

    /** A clock frozen at {@link #NOW}. */
    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A self-signable CA: CA:true, keyCertSign|cRLSign, no path length limit. */
    public static Spec root(String commonName) {
        return new Spec(commonName).ca(null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
    }

    /** An intermediate CA: CA:true, keyCertSign|cRLSign, no path length limit. */
    public static Spec intermediate(String commonName) {
        return root(commonName);
    }

    /** A TLS server certificate: CA:false, digitalSignature, EKU serverAuth, no SAN until added. */
    public static Spec leaf(String commonName) {
        return new Spec(commonName).endEntity().keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth);
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding exactly the given roots. */
    public static TrustStore trusting(Issued... roots) {
        return TrustStore.of(chain(roots));
    }

    /** Leaf-first chain of the given certificates. */
    public static List<X509Certificate> chain(Issued... certs) {
        List<X509Certificate> list = new ArrayList<>();
        for (Issued c : certs) {
            list.add(c.certificate());
        }
        return list;
    }

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keyPair) {

        /** The certificate as one PEM CERTIFICATE block. */
        public String pem() {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
    }

    /** What to put in one certificate; every setter returns {@code this}. */
    public static final class Spec {
        private final String commonName;
        private Instant notBefore = NOW.minus(Duration.ofDays(30));
        private Instant notAfter = NOW.plus(Duration.ofDays(365));
        private boolean ca;
        private Integer pathLength;
        private Integer keyUsage;
        private KeyPurposeId[] extendedKeyUsage;
        private final List<GeneralName> subjectAltNames = new ArrayList<>();
        private String permittedDnsSubtree;
        private KeyPair keyPair;
        private boolean unknownCriticalExtension;

        private Spec(String commonName) {
            this.commonName = commonName;
        }

        public Spec validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** basicConstraints CA:true with the given pathLenConstraint (null: unlimited). */
        public Spec ca(Integer pathLength) {
            this.ca = true;
            this.pathLength = pathLength;
            return this;
        }

        /** basicConstraints CA:false. */
        public Spec endEntity() {
            this.ca = false;
            this.pathLength = null;
            return this;
        }

        /** keyUsage bits from {@link KeyUsage}, or null for no keyUsage extension. */
        public Spec keyUsage(Integer bits) {
            this.keyUsage = bits;
            return this;
        }

        /** extendedKeyUsage purposes; none at all omits the extension. */
        public Spec extendedKeyUsage(KeyPurposeId... purposes) {
            this.extendedKeyUsage = purposes.length == 0 ? null : purposes.clone();
            return this;
        }

        public Spec dnsNames(String... names) {
            for (String n : names) {
                subjectAltNames.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        public Spec ipAddresses(String... addresses) {
            for (String a : addresses) {
                subjectAltNames.add(new GeneralName(GeneralName.iPAddress, a));
            }
            return this;
        }

        /** nameConstraints permitting only dNSNames within {@code domain}. */
        public Spec permittedDnsSubtree(String domain) {
            this.permittedDnsSubtree = domain;
            return this;
        }

        /** Adds a critical private extension no validator understands (RFC 5280 §4.2). */
        public Spec unknownCriticalExtension() {
            this.unknownCriticalExtension = true;
            return this;
        }

        /** Use this key pair (EC or RSA) instead of a fresh EC P-256 one. */
        public Spec keyPair(KeyPair keys) {
            this.keyPair = keys;
            return this;
        }

        public Issued selfSigned() {
            KeyPair keys = keyPair != null ? keyPair : newKeyPair();
            return build(keys, name(), keys, null);
        }

        public Issued signedBy(Issued issuer) {
            KeyPair keys = keyPair != null ? keyPair : newKeyPair();
            X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            return build(keys, issuerName, issuer.keyPair(), issuer.certificate());
        }

        private static String signatureAlgorithmFor(KeyPair signer) {
            return "RSA".equals(signer.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        }

        private X500Name name() {
            return new X500Name("CN=" + commonName + ",O=tunstack test");
        }

        private Issued build(KeyPair keys, X500Name issuerName, KeyPair signer, X509Certificate issuerCert) {
            try {
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        name(), keys.getPublic());
                builder.addExtension(Extension.basicConstraints, true,
                        ca ? (pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                                : new BasicConstraints(false));
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                if (extendedKeyUsage != null) {
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
                }
                if (!subjectAltNames.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(subjectAltNames.toArray(new GeneralName[0])));
                }
                if (permittedDnsSubtree != null) {
                    GeneralSubtree subtree = new GeneralSubtree(new GeneralName(GeneralName.dNSName, permittedDnsSubtree));
                    builder.addExtension(Extension.nameConstraints, true,
                            new NameConstraints(new GeneralSubtree[] {subtree}, null));
                }
                if (unknownCriticalExtension) {
                    builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, DERNull.INSTANCE);
                }
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keys.getPublic()));
                builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                        ? utils.createAuthorityKeyIdentifier(keys.getPublic())
                        : utils.createAuthorityKeyIdentifier(issuerCert));
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder(signatureAlgorithmFor(signer)).build(signer.getPrivate())));
                return new Issued(cert, keys);
            } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
                throw new IllegalStateException("cannot build test certificate " + commonName, e);
            }
        }
    }
}
