package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.nativ.Errno;
import io.tunstack.nativ.NativeException;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.cert.CertificateValidationException;
import io.tunstack.tls.record.AlertDescription;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void networkFailuresGetCurlsCodes() {
        assertEquals(6, ExitCodes.of(new UnknownHostException("nosuch.test")));
        assertEquals(7, ExitCodes.of(new ConnectException("connection refused by 198.18.0.1:9")));
        assertEquals(28, ExitCodes.of(new SocketTimeoutException("connect timed out")));
        assertEquals(1, ExitCodes.of(new IOException("disk full")));
    }

    @Test
    void tlsFailureIs35UnlessTheCertificateWasRejected() {
        TlsException handshake = new TlsException(AlertDescription.HANDSHAKE_FAILURE, "no common cipher suite");
        assertEquals(35, ExitCodes.of(handshake));
        assertTrue(ExitCodes.describe(handshake).startsWith("TLS handshake failed: "), ExitCodes.describe(handshake));
        CertificateValidationException rejected = new CertificateValidationException(
                CertificateValidationException.Reason.UNKNOWN_CA, "unknown CA", null);
        TlsException certificate = new TlsException(AlertDescription.UNKNOWN_CA, "server certificate rejected", rejected);
        assertEquals(60, ExitCodes.of(certificate));
        assertTrue(ExitCodes.describe(certificate).startsWith("certificate problem: "));
    }

    @Test
    void permissionDeniedSaysNotRoot() {
        NativeException denied = NativeException.of("ioctl(TUNSETIFF, tun0)", Errno.EPERM);
        assertEquals(1, ExitCodes.of(denied));
        assertEquals("not root: ioctl(TUNSETIFF, tun0) is not permitted (run as root or with CAP_NET_ADMIN)",
                ExitCodes.describe(denied));
    }

    @Test
    void missingTunDeviceIsExplained() {
        NativeException missing = new NativeException("open(/dev/net/tun)", Errno.ENOENT, "no /dev/net/tun");
        assertEquals(1, ExitCodes.of(missing));
        assertTrue(ExitCodes.describe(missing).startsWith("no /dev/net/tun on this machine"), ExitCodes.describe(missing));
    }

    @Test
    void descriptionsAreOneLine() {
        assertEquals("first; second", ExitCodes.describe(new IOException("first\n  second\n")));
        assertEquals("IllegalStateException: broken", ExitCodes.describe(new IllegalStateException("broken")));
    }
}
