package io.tunstack.tls.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateDecoderTest {

    private final CertificateDecoder decoder = new CertificateDecoder();
    private final TestPki.Issued root = TestPki.root("Decoder Root").selfSigned();
    private final TestPki.Issued leaf = TestPki.leaf("leaf").dnsNames("a.example").signedBy(root);

    @Test
    void decodesInOrder() throws Exception {
        List<X509Certificate> certs = decoder.decode(List.of(
                leaf.certificate().getEncoded(), root.certificate().getEncoded()));
        assertEquals(List.of(leaf.certificate(), root.certificate()), certs);
    }

    @Test
    void garbageIsMalformed() {
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> decoder.decode(List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})));
        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals(42, e.alert());
    }

    @Test
    void truncatedCertificateIsMalformed() throws Exception {
        byte[] der = leaf.certificate().getEncoded();
        assertEquals(Reason.MALFORMED, assertThrows(CertificateValidationException.class,
                () -> decoder.decode(List.of(Arrays.copyOf(der, der.length - 10)))).reason());
    }

    @Test
    void trailingBytesAreMalformed() throws Exception {
        byte[] der = leaf.certificate().getEncoded();
        assertEquals(Reason.MALFORMED, assertThrows(CertificateValidationException.class,
                () -> decoder.decode(List.of(Arrays.copyOf(der, der.length + 2)))).reason());
    }
}
