package io.tunstack.tls.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class HostnameVerifierTest {

    private static final TestPki.Issued ROOT = TestPki.root("Hostname Root").selfSigned();

    private final HostnameVerifier verifier = new HostnameVerifier();

    private static X509Certificate dns(String... names) {
        return TestPki.leaf("leaf").dnsNames(names).signedBy(ROOT).certificate();
    }

    private void assertMismatch(X509Certificate cert, String host) {
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> verifier.verify(cert, host));
        assertEquals(Reason.HOSTNAME_MISMATCH, e.reason());
    }

    @Test
    void exactMatchIsCaseInsensitive() {
        X509Certificate cert = dns("WWW.Example.COM");
        assertDoesNotThrow(() -> verifier.verify(cert, "www.example.com"));
        assertDoesNotThrow(() -> verifier.verify(cert, "Www.EXAMPLE.com"));
    }

    @Test
    void trailingDotIsIgnoredOnEitherSide() {
        assertDoesNotThrow(() -> verifier.verify(dns("www.example.com"), "www.example.com."));
        assertDoesNotThrow(() -> verifier.verify(dns("www.example.com."), "www.example.com"));
        assertMismatch(dns("www.example.com"), "www.example.com..");
    }

    @Test
    void anySanEntryMayMatch() {
        X509Certificate cert = dns("a.example.net", "www.example.com");
        assertDoesNotThrow(() -> verifier.verify(cert, "www.example.com"));
        assertMismatch(cert, "b.example.net");
    }

    @Test
    void commonNameIsNeverUsed() {
        X509Certificate cnOnly = TestPki.leaf("www.example.com").signedBy(ROOT).certificate();
        assertMismatch(cnOnly, "www.example.com");
        X509Certificate cnAndOtherSan = TestPki.leaf("www.example.com").dnsNames("api.example.com")
                .signedBy(ROOT).certificate();
        assertMismatch(cnAndOtherSan, "www.example.com");
    }

    @Test
    void wildcardMatchesExactlyOneLeftMostLabel() {
        assertTrue(HostnameVerifier.matchesDnsPattern("*.example.com", "a.example.com"));
        assertTrue(HostnameVerifier.matchesDnsPattern("*.Example.com.", "a.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*.example.com", "a.b.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*.example.com", "example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*.example.com", "a.example.org"));
    }

    @Test
    void partialAndMisplacedWildcardsMatchNothing() {
        assertFalse(HostnameVerifier.matchesDnsPattern("f*.example.com", "foo.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*o.example.com", "foo.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("xn--*.example.com", "xn--bcher-kva.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("www.*.com", "www.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*.*.example.com", "a.b.example.com"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*", "localhost"));
        assertFalse(HostnameVerifier.matchesDnsPattern("*.com", "example.com"));
    }

    @Test
    void wildcardSpanningTwoLabelsRejectedThroughVerify() {
        X509Certificate cert = dns("*.example.com");
        assertDoesNotThrow(() -> verifier.verify(cert, "a.example.com"));
        assertMismatch(cert, "a.b.example.com");
        assertMismatch(cert, "example.com");
    }

    @Test
    void referenceNameWithWildcardNeverMatches() {
        assertMismatch(dns("*.example.com"), "*.example.com");
    }

    @Test
    void internationalisedReferenceNameComparesAsALabel() {
        X509Certificate cert = dns("xn--bcher-kva.example");
        assertDoesNotThrow(() -> verifier.verify(cert, "bücher.example"));
        assertDoesNotThrow(() -> verifier.verify(cert, "xn--bcher-kva.example"));
    }

    @Test
    void ipv4LiteralMatchesOnlyIpSans() {
        X509Certificate ipSan = TestPki.leaf("ip").ipAddresses("192.0.2.1").signedBy(ROOT).certificate();
        assertDoesNotThrow(() -> verifier.verify(ipSan, "192.0.2.1"));
        assertMismatch(ipSan, "192.0.2.10");
        assertMismatch(dns("192.0.2.1"), "192.0.2.1");
    }

    @Test
    void ipv6LiteralComparesAddressesNotText() {
        X509Certificate ipSan = TestPki.leaf("ip6").ipAddresses("2001:db8::a").signedBy(ROOT).certificate();
        assertDoesNotThrow(() -> verifier.verify(ipSan, "2001:DB8:0:0:0:0:0:A"));
        assertDoesNotThrow(() -> verifier.verify(ipSan, "[2001:db8::a]"));
        assertMismatch(ipSan, "2001:db8::b");
        assertMismatch(ipSan, "192.0.2.1");
    }

    @Test
    void dnsNameDoesNotMatchIpSan() {
        X509Certificate ipSan = TestPki.leaf("ip").ipAddresses("192.0.2.1").signedBy(ROOT).certificate();
        assertMismatch(ipSan, "www.example.com");
    }

    @Test
    void ipLiteralRecognition() {
        assertArrayEquals(new byte[] {10, 0, 0, 1}, HostnameVerifier.ipLiteral("10.0.0.1"));
        assertEquals(16, HostnameVerifier.ipLiteral("::1").length);
        assertNull(HostnameVerifier.ipLiteral("example.com"));
        assertNull(HostnameVerifier.ipLiteral("256.0.0.1"));
        assertNull(HostnameVerifier.ipLiteral("1.2.3"));
    }
}
