package io.tunstack.tls.handshake;

/** Extension code points used by this client and server (RFC 8446 §4.2 and the RFCs named per constant). */
public final class ExtensionType {

    /** RFC 6066 §3. */
    public static final int SERVER_NAME = 0;
    /** RFC 8446 §4.2.7 (named "elliptic_curves" in RFC 4492). */
    public static final int SUPPORTED_GROUPS = 10;
    /** RFC 8422 §5.1.2. */
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    /** RFC 7301. */
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    /** RFC 7685. */
    public static final int PADDING = 21;
    /** RFC 7627. */
    public static final int EXTENDED_MASTER_SECRET = 23;
    /** RFC 5077 §3.2 (TLS 1.2 tickets). */
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int KEY_SHARE = 51;
    /** RFC 5746. */
    public static final int RENEGOTIATION_INFO = 0xff01;

    private ExtensionType() {
    }
}
