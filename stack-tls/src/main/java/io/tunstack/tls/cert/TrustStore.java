package io.tunstack.tls.cert;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * The set of trust anchors (root certificates) a {@link PkixCertificateVerifier} builds paths to.
 * Immutable. Load it from the operating system's CA bundle, a PEM file, a {@link KeyStore} or a
 * collection of certificates.
 */
public final class TrustStore {

    /** Debian/Ubuntu's bundle, maintained by update-ca-certificates. */
    public static final Path DEBIAN_CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    private TrustStore(Collection<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a trust store needs at least one certificate");
        }
        this.certificates = List.copyOf(new LinkedHashSet<>(certificates));
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate c : this.certificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Collections.unmodifiableSet(set);
    }

    /** Trusts exactly the given certificates. */
    public static TrustStore of(Collection<X509Certificate> certificates) {
        return new TrustStore(certificates);
    }

    /** Trusts exactly the given certificates. */
    public static TrustStore of(X509Certificate... certificates) {
        return new TrustStore(Arrays.asList(certificates));
    }

    /**
     * The system's CA bundle: {@link #DEBIAN_CA_BUNDLE} when it exists, otherwise the JDK's
     * default trust (its {@code cacerts}, or whatever {@code javax.net.ssl.trustStore} names).
     */
    public static TrustStore system() throws IOException, GeneralSecurityException {
        if (Files.isReadable(DEBIAN_CA_BUNDLE)) {
            return fromPem(DEBIAN_CA_BUNDLE);
        }
        return jdkDefault();
    }

    /** The JDK's default trust, as its default {@link TrustManagerFactory} sees it. */
    public static TrustStore jdkDefault() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return of(((X509TrustManager) tm).getAcceptedIssuers());
            }
        }
        throw new KeyStoreException("the JDK's default TrustManagerFactory has no X509TrustManager");
    }

    /** Reads every CERTIFICATE block of a PEM file; text outside the blocks is ignored. */
    public static TrustStore fromPem(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPem(in);
        }
    }

    /**
     * Reads every CERTIFICATE block of a PEM stream; other PEM objects and text outside the
     * blocks are ignored.
     *
     * @throws CertificateException if a block does not decode or there is no certificate at all
     */
    public static TrustStore fromPem(InputStream in) throws IOException, CertificateException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        Reader reader = new InputStreamReader(in, StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder) {
                    certs.add(converter.getCertificate((X509CertificateHolder) object));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CertificateException("malformed PEM certificate", e);
        }
        if (certs.isEmpty()) {
            throw new CertificateException("no CERTIFICATE block in PEM input");
        }
        return new TrustStore(certs);
    }

    /** Trusts the trusted-certificate entries of a key store, as {@code PKIXParameters(KeyStore)} does. */
    public static TrustStore fromKeyStore(KeyStore keyStore) throws KeyStoreException {
        List<X509Certificate> certs = new ArrayList<>();
        for (String alias : Collections.list(keyStore.aliases())) {
            Certificate c = keyStore.getCertificate(alias);
            if (keyStore.isCertificateEntry(alias) && c instanceof X509Certificate) {
                certs.add((X509Certificate) c);
            }
        }
        if (certs.isEmpty()) {
            throw new KeyStoreException("key store has no trusted X.509 certificate entries");
        }
        return new TrustStore(certs);
    }

    /** The anchors, one per certificate, without name constraints. */
    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** The trusted certificates whose subject is {@code subject}. */
    public List<X509Certificate> withSubject(X500Principal subject) {
        List<X509Certificate> found = new ArrayList<>();
        for (X509Certificate c : certificates) {
            if (c.getSubjectX500Principal().equals(subject)) {
                found.add(c);
            }
        }
        return found;
    }

    /** Whether {@code certificate} is itself one of the anchors. */
    public boolean contains(X509Certificate certificate) {
        return certificates.contains(certificate);
    }

    public int size() {
        return certificates.size();
    }
}
