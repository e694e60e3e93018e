package io.tunstack.tls.cert;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class LeafUsageCheckerTest {

    private static final TestPki.Issued ROOT = TestPki.root("Usage Root").selfSigned();

    private final LeafUsageChecker checker = new LeafUsageChecker();

    private static X509Certificate leaf(Integer keyUsage, KeyPurposeId... eku) {
        return TestPki.leaf("leaf").keyUsage(keyUsage).extendedKeyUsage(eku).signedBy(ROOT).certificate();
    }

    private Reason failure(X509Certificate cert, KeyExchangeKind kind) {
        return assertThrows(CertificateValidationException.class, () -> checker.check(cert, kind)).reason();
    }

    @Test
    void signingNeedsDigitalSignature() {
        assertDoesNotThrow(() -> checker.check(leaf(KeyUsage.digitalSignature), KeyExchangeKind.SIGNATURE));
        assertEquals(Reason.BAD_KEY_USAGE, failure(leaf(KeyUsage.keyEncipherment), KeyExchangeKind.SIGNATURE));
    }

    @Test
    void rsaKeyTransportNeedsKeyEncipherment() {
        assertDoesNotThrow(() -> checker.check(leaf(KeyUsage.keyEncipherment), KeyExchangeKind.RSA_KEY_TRANSPORT));
        assertEquals(Reason.BAD_KEY_USAGE,
                failure(leaf(KeyUsage.digitalSignature), KeyExchangeKind.RSA_KEY_TRANSPORT));
    }

    @Test
    void bothBitsServeBothKinds() {
        X509Certificate both = leaf(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        assertDoesNotThrow(() -> checker.check(both, KeyExchangeKind.SIGNATURE));
        assertDoesNotThrow(() -> checker.check(both, KeyExchangeKind.RSA_KEY_TRANSPORT));
    }

    @Test
    void absentExtensionsRestrictNothing() {
        X509Certificate bare = leaf(null);
        assertDoesNotThrow(() -> checker.check(bare, KeyExchangeKind.SIGNATURE));
        assertDoesNotThrow(() -> checker.check(bare, KeyExchangeKind.RSA_KEY_TRANSPORT));
    }

    @Test
    void extendedKeyUsageMustAllowServerAuth() {
        assertDoesNotThrow(() -> checker.check(leaf(KeyUsage.digitalSignature,
                KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth), KeyExchangeKind.SIGNATURE));
        assertDoesNotThrow(() -> checker.check(leaf(KeyUsage.digitalSignature,
                KeyPurposeId.anyExtendedKeyUsage), KeyExchangeKind.SIGNATURE));
        assertEquals(Reason.BAD_EXTENDED_KEY_USAGE,
                failure(leaf(KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth), KeyExchangeKind.SIGNATURE));
        assertEquals(Reason.BAD_EXTENDED_KEY_USAGE,
                failure(leaf(KeyUsage.digitalSignature, KeyPurposeId.id_kp_codeSigning), KeyExchangeKind.SIGNATURE));
    }
}
