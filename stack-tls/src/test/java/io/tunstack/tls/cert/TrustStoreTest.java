package io.tunstack.tls.cert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    private final TestPki.Issued rootA = TestPki.root("Root A").selfSigned();
    private final TestPki.Issued rootB = TestPki.root("Root B").selfSigned();

    private static ByteArrayInputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void pemFileWithSeveralBlocksAndCommentary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roots.pem");
        Files.writeString(file, "# Root A\n" + rootA.pem() + "\nsubject=Root B\n" + rootB.pem(), StandardCharsets.US_ASCII);
        TrustStore store = TrustStore.fromPem(file);
        assertEquals(2, store.size());
        assertTrue(store.contains(rootA.certificate()));
        assertTrue(store.contains(rootB.certificate()));
        assertEquals(rootA.certificate(), store.withSubject(rootA.certificate().getSubjectX500Principal()).get(0));
    }

    @Test
    void pemTrustStoreValidatesAChain() throws Exception {
        TrustStore store = TrustStore.fromPem(ascii(rootA.pem()));
        TestPki.Issued leaf = TestPki.leaf("leaf").dnsNames("a.example").signedBy(rootA);
        assertDoesNotThrow(() -> new PkixCertificateVerifier(store, TestPki.clock())
                .verify(TestPki.chain(leaf), "a.example"));
    }

    @Test
    void pemWithoutCertificatesIsRejected() {
        assertThrows(CertificateException.class, () -> TrustStore.fromPem(ascii("no pem here\n")));
    }

    @Test
    void corruptPemBlockIsRejected() {
        String pem = rootA.pem();
        int body = pem.indexOf('\n') + 1;
        String corrupt = pem.substring(0, body) + "!!!!" + pem.substring(body + 4);
        assertThrows(CertificateException.class, () -> TrustStore.fromPem(ascii(corrupt)));
    }

    @Test
    void anchorsCarryNoNameConstraints() {
        TrustStore store = TestPki.trusting(rootA, rootB);
        assertEquals(2, store.anchors().size());
        for (TrustAnchor anchor : store.anchors()) {
            assertNull(anchor.getNameConstraints());
        }
    }

    @Test
    void keyStoreTrustedEntriesOnly() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("a", rootA.certificate());
        TestPki.Issued keyHolder = TestPki.leaf("key holder").signedBy(rootB);
        ks.setKeyEntry("key", keyHolder.keyPair().getPrivate(), "pw".toCharArray(),
                new Certificate[] {keyHolder.certificate()});
        TrustStore store = TrustStore.fromKeyStore(ks);
        assertEquals(1, store.size());
        assertTrue(store.contains(rootA.certificate()));
        assertFalse(store.contains(keyHolder.certificate()));
    }

    @Test
    void keyStoreWithoutTrustedEntriesIsRejected() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        assertThrows(KeyStoreException.class, () -> TrustStore.fromKeyStore(ks));
    }

    @Test
    void systemBundleLoadsAnchors() throws Exception {
        TrustStore store = TrustStore.system();
        assertTrue(store.size() > 0);
        for (TrustAnchor anchor : store.anchors()) {
            X509Certificate c = anchor.getTrustedCert();
            assertTrue(c.getBasicConstraints() >= 0 || c.getVersion() < 3, c.getSubjectX500Principal().getName());
        }
    }

    @Test
    void jdkDefaultLoadsAnchors() throws Exception {
        assertTrue(TrustStore.jdkDefault().size() > 0);
    }
}
