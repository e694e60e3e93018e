package io.tunstack.tls;

import io.tunstack.tls.record.AlertDescription;
import java.io.IOException;

/**
 * A TLS connection failed. Carries the alert that was sent to the peer (local failure) or received
 * from it ({@link #receivedFromPeer()}).
 */
public class TlsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int alertCode;
    private final boolean receivedFromPeer;

    public TlsException(AlertDescription alert, String message) {
        this(alert, message, null);
    }

    public TlsException(AlertDescription alert, String message, Throwable cause) {
        super(alert.ianaName() + ": " + message, cause);
        this.alertCode = alert.code();
        this.receivedFromPeer = false;
    }

    private TlsException(int alertCode, String message) {
        super(message);
        this.alertCode = alertCode;
        this.receivedFromPeer = true;
    }

    /** The peer sent a fatal alert with this code. */
    public static TlsException receivedAlert(int alertCode) {
        AlertDescription known = AlertDescription.fromCode(alertCode);
        String name = known == null ? "unknown alert " + alertCode : known.ianaName();
        return new TlsException(alertCode, "peer sent fatal alert " + name);
    }

    /** The alert, or null if the peer sent a code this implementation does not know. */
    public AlertDescription alert() {
        return AlertDescription.fromCode(alertCode);
    }

    public int alertCode() {
        return alertCode;
    }

    public boolean receivedFromPeer() {
        return receivedFromPeer;
    }
}
