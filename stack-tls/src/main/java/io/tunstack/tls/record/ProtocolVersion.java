package io.tunstack.tls.record;

/** Protocol versions this client negotiates, with their wire codes. */
public enum ProtocolVersion {
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String displayName;

    ProtocolVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
