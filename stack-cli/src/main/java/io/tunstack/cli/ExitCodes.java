package io.tunstack.cli;

import io.tunstack.nativ.Errno;
import io.tunstack.nativ.NativeException;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.cert.CertificateValidationException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * curl-style exit codes, so scripts can tell failures apart, and the one line that explains each failure.
 * The numbers are curl's (see curl(1) "EXIT CODES"): 6 could not resolve host, 7 failed to connect,
 * 28 operation timeout, 35 TLS handshake failed, 60 peer certificate cannot be authenticated.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int RESOLVE = 6;
    static final int CONNECT = 7;
    static final int TIMEOUT = 28;
    static final int TLS_HANDSHAKE = 35;
    static final int CERTIFICATE = 60;

    private ExitCodes() {
    }

    /** The exit code for a failure. */
    static int of(Throwable e) {
        if (e instanceof UnknownHostException) {
            return RESOLVE;
        }
        if (e instanceof ConnectException) {
            return CONNECT;
        }
        if (e instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (e instanceof TlsException) {
            return causedBy(e, CertificateValidationException.class) ? CERTIFICATE : TLS_HANDSHAKE;
        }
        return FAILURE;
    }

    /** One line: what failed and why, in words a user can act on. */
    static String describe(Throwable e) {
        if (e instanceof NativeException n) {
            return describeNative(n);
        }
        if (e instanceof UnknownHostException) {
            return "could not resolve host: " + e.getMessage();
        }
        if (e instanceof TlsException && causedBy(e, CertificateValidationException.class)) {
            return "certificate problem: " + e.getMessage();
        }
        if (e instanceof TlsException) {
            return "TLS handshake failed: " + e.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return oneLine(e instanceof java.io.IOException ? message : e.getClass().getSimpleName() + ": " + message);
    }

    private static String describeNative(NativeException e) {
        if (e.errno() == Errno.EPERM || e.errno() == Errno.EACCES) {
            return "not root: " + e.operation() + " is not permitted (run as root or with CAP_NET_ADMIN)";
        }
        if (e.errno() == Errno.ENOENT && e.operation().contains("/dev/net/tun")) {
            return "no /dev/net/tun on this machine: load the tun module (modprobe tun) or run where TUN is available";
        }
        return oneLine(e.getMessage());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
