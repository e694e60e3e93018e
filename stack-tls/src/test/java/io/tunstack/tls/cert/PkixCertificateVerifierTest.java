package io.tunstack.tls.cert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class PkixCertificateVerifierTest {

    private static final String HOST = "www.example.com";

    private final TestPki.Issued root = TestPki.root("Test Root").selfSigned();
    private final TestPki.Issued intermediate = TestPki.intermediate("Test Issuing CA").signedBy(root);
    private final PkixCertificateVerifier verifier =
            new PkixCertificateVerifier(TestPki.trusting(root), TestPki.clock());

    private TestPki.Spec leafSpec() {
        return TestPki.leaf("www").dnsNames(HOST);
    }

    private Reason failure(List<X509Certificate> chain, String host) {
        return assertThrows(CertificateValidationException.class, () -> verifier.verify(chain, host)).reason();
    }

    @Test
    void validChainWithIntermediatePasses() {
        TestPki.Issued leaf = leafSpec().signedBy(intermediate);
        assertDoesNotThrow(() -> verifier.verify(TestPki.chain(leaf, intermediate), HOST));
    }

    @Test
    void chainThatAlsoCarriesTheRootPasses() {
        TestPki.Issued leaf = leafSpec().signedBy(intermediate);
        assertDoesNotThrow(() -> verifier.verify(TestPki.chain(leaf, intermediate, root), HOST));
    }

    @Test
    void intermediatesMayArriveOutOfOrderWithExtras() {
        TestPki.Issued upper = TestPki.intermediate("Upper CA").signedBy(root);
        TestPki.Issued lower = TestPki.intermediate("Lower CA").signedBy(upper);
        TestPki.Issued stray = TestPki.intermediate("Stray CA").signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(lower);
        assertDoesNotThrow(() -> verifier.verify(TestPki.chain(leaf, stray, upper, lower), HOST));
    }

    @Test
    void leafSignedDirectlyByRootPasses() {
        TestPki.Issued leaf = leafSpec().signedBy(root);
        assertDoesNotThrow(() -> verifier.verify(TestPki.chain(leaf), HOST));
    }

    @Test
    void emptyChainIsDecodeError() {
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(List.of(), HOST));
        assertEquals(Reason.EMPTY_CHAIN, e.reason());
        assertEquals(50, e.alert());
    }

    @Test
    void expiredLeaf() {
        TestPki.Issued leaf = leafSpec()
                .validity(TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)))
                .signedBy(intermediate);
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(TestPki.chain(leaf, intermediate), HOST));
        assertEquals(Reason.EXPIRED, e.reason());
        assertEquals(45, e.alert());
    }

    @Test
    void expiredIntermediate() {
        TestPki.Issued oldCa = TestPki.intermediate("Old CA")
                .validity(TestPki.NOW.minus(Duration.ofDays(800)), TestPki.NOW.minus(Duration.ofSeconds(1)))
                .signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(oldCa);
        assertEquals(Reason.EXPIRED, failure(TestPki.chain(leaf, oldCa), HOST));
    }

    @Test
    void notYetValidLeaf() {
        TestPki.Issued leaf = leafSpec()
                .validity(TestPki.NOW.plus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(400)))
                .signedBy(intermediate);
        assertEquals(Reason.NOT_YET_VALID, failure(TestPki.chain(leaf, intermediate), HOST));
    }

    @Test
    void validityIsJudgedAtTheInjectedClock() {
        TestPki.Issued leaf = leafSpec()
                .validity(TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)))
                .signedBy(intermediate);
        PkixCertificateVerifier inThePast = new PkixCertificateVerifier(TestPki.trusting(root),
                Clock.fixed(TestPki.NOW.minus(Duration.ofDays(10)), ZoneOffset.UTC));
        assertDoesNotThrow(() -> inThePast.verify(TestPki.chain(leaf, intermediate), HOST));
    }

    @Test
    void wrongHost() {
        TestPki.Issued leaf = leafSpec().signedBy(intermediate);
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(TestPki.chain(leaf, intermediate), "mail.example.com"));
        assertEquals(Reason.HOSTNAME_MISMATCH, e.reason());
        assertEquals(46, e.alert());
    }

    @Test
    void wildcardDoesNotSpanTwoLabels() {
        TestPki.Issued leaf = TestPki.leaf("wild").dnsNames("*.example.com").signedBy(intermediate);
        assertDoesNotThrow(() -> verifier.verify(TestPki.chain(leaf, intermediate), "a.example.com"));
        assertEquals(Reason.HOSTNAME_MISMATCH, failure(TestPki.chain(leaf, intermediate), "a.b.example.com"));
    }

    @Test
    void commonNameOnlyCertificateMatchesNothing() {
        TestPki.Issued leaf = TestPki.leaf(HOST).signedBy(intermediate);
        assertEquals(Reason.HOSTNAME_MISMATCH, failure(TestPki.chain(leaf, intermediate), HOST));
    }

    @Test
    void ipAddressSan() {
        TestPki.Issued leaf = TestPki.leaf("ip").ipAddresses("192.0.2.7", "2001:db8::1").signedBy(intermediate);
        List<X509Certificate> chain = TestPki.chain(leaf, intermediate);
        assertDoesNotThrow(() -> verifier.verify(chain, "192.0.2.7"));
        assertDoesNotThrow(() -> verifier.verify(chain, "2001:0db8:0:0::1"));
        assertEquals(Reason.HOSTNAME_MISMATCH, failure(chain, "192.0.2.8"));
        assertEquals(Reason.HOSTNAME_MISMATCH, failure(chain, "2001:db8::2"));
    }

    @Test
    void selfSignedLeaf() {
        TestPki.Issued self = leafSpec().selfSigned();
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(TestPki.chain(self), HOST));
        assertEquals(Reason.SELF_SIGNED, e.reason());
        assertEquals(48, e.alert());
    }

    @Test
    void selfSignedLeafThatIsItselfTrustedPasses() {
        TestPki.Issued pinned = leafSpec().selfSigned();
        PkixCertificateVerifier pinning = new PkixCertificateVerifier(TestPki.trusting(pinned), TestPki.clock());
        assertDoesNotThrow(() -> pinning.verify(TestPki.chain(pinned), HOST));
    }

    @Test
    void unknownCa() {
        TestPki.Issued otherRoot = TestPki.root("Other Root").selfSigned();
        TestPki.Issued otherCa = TestPki.intermediate("Other CA").signedBy(otherRoot);
        TestPki.Issued leaf = leafSpec().signedBy(otherCa);
        assertEquals(Reason.UNKNOWN_CA, failure(TestPki.chain(leaf, otherCa, otherRoot), HOST));
    }

    @Test
    void missingIntermediate() {
        TestPki.Issued leaf = leafSpec().signedBy(intermediate);
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(TestPki.chain(leaf), HOST));
        assertEquals(Reason.MISSING_INTERMEDIATE, e.reason());
        assertEquals(48, e.alert());
    }

    @Test
    void intermediateWithoutCaFlag() {
        TestPki.Issued notCa = TestPki.intermediate("Not A CA").endEntity().signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(notCa);
        assertEquals(Reason.NOT_A_CA, failure(TestPki.chain(leaf, notCa), HOST));
    }

    @Test
    void pathLengthExceeded() {
        TestPki.Issued upper = TestPki.intermediate("Upper CA").ca(0).signedBy(root);
        TestPki.Issued lower = TestPki.intermediate("Lower CA").signedBy(upper);
        TestPki.Issued leaf = leafSpec().signedBy(lower);
        assertEquals(Reason.PATH_LENGTH_EXCEEDED, failure(TestPki.chain(leaf, lower, upper), HOST));
    }

    @Test
    void pathLengthZeroStillAllowsALeaf() {
        TestPki.Issued upper = TestPki.intermediate("Upper CA").ca(0).signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(upper);
        assertDoesNotThrow(() -> verifier.verify(TestPki.chain(leaf, upper), HOST));
    }

    @Test
    void clientAuthOnlyExtendedKeyUsage() {
        TestPki.Issued leaf = leafSpec().extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).signedBy(intermediate);
        assertEquals(Reason.BAD_EXTENDED_KEY_USAGE, failure(TestPki.chain(leaf, intermediate), HOST));
    }

    @Test
    void keyUsageMustFitTheKeyExchange() throws Exception {
        TestPki.Issued signer = leafSpec().keyUsage(KeyUsage.digitalSignature).signedBy(intermediate);
        TestPki.Issued encipherer = leafSpec().keyUsage(KeyUsage.keyEncipherment).signedBy(intermediate);
        List<X509Certificate> signing = TestPki.chain(signer, intermediate);
        List<X509Certificate> enciphering = TestPki.chain(encipherer, intermediate);

        verifier.verify(signing, HOST, KeyExchangeKind.SIGNATURE);
        verifier.verify(enciphering, HOST, KeyExchangeKind.RSA_KEY_TRANSPORT);
        assertEquals(Reason.BAD_KEY_USAGE, failure(enciphering, HOST));
        assertEquals(Reason.BAD_KEY_USAGE, assertThrows(CertificateValidationException.class,
                () -> verifier.verify(signing, HOST, KeyExchangeKind.RSA_KEY_TRANSPORT)).reason());
    }

    @Test
    void issuerWithoutKeyCertSign() {
        TestPki.Issued weakCa = TestPki.intermediate("No keyCertSign CA").keyUsage(KeyUsage.digitalSignature)
                .signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(weakCa);
        assertEquals(Reason.BAD_KEY_USAGE, failure(TestPki.chain(leaf, weakCa), HOST));
    }

    @Test
    void forgedSignatureUnderTrustedIssuerName() {
        TestPki.Issued impostor = TestPki.intermediate("Test Issuing CA").signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(impostor);
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(TestPki.chain(leaf, intermediate), HOST));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertEquals(42, e.alert());
    }

    @Test
    void unknownCriticalExtension() {
        TestPki.Issued leaf = leafSpec().unknownCriticalExtension().signedBy(intermediate);
        assertEquals(Reason.UNRECOGNIZED_CRITICAL_EXTENSION, failure(TestPki.chain(leaf, intermediate), HOST));
    }

    @Test
    void nameConstraintsViolation() {
        TestPki.Issued constrained = TestPki.intermediate("Constrained CA").permittedDnsSubtree("example.org")
                .signedBy(root);
        TestPki.Issued leaf = leafSpec().signedBy(constrained);
        assertEquals(Reason.NAME_CONSTRAINTS_VIOLATION, failure(TestPki.chain(leaf, constrained), HOST));
    }

    @Test
    void weakRsaKeyIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(512);
        KeyPair weak = rsa.generateKeyPair();
        TestPki.Issued leaf = leafSpec().keyPair(weak).signedBy(intermediate);
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(TestPki.chain(leaf, intermediate), HOST));
        assertEquals(Reason.WEAK_ALGORITHM, e.reason());
        assertEquals(43, e.alert());
    }
}
