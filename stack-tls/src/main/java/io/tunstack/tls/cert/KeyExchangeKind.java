package io.tunstack.tls.cert;

/**
 * How the server's certified key takes part in the handshake; decides which keyUsage bit the
 * leaf certificate must carry when it has a keyUsage extension.
 */
public enum KeyExchangeKind {

    /**
     * The server signs with its key: every TLS 1.3 handshake (RFC 8446 §4.4.2.2) and TLS 1.2
     * (EC)DHE suites (RFC 5246 §7.4.2, RFC 8422 §5.3). Requires digitalSignature.
     */
    SIGNATURE(0, "digitalSignature"),

    /**
     * TLS 1.2 static RSA key transport: the client encrypts the premaster secret to the server's
     * key (RFC 5246 §7.4.2). Requires keyEncipherment.
     */
    RSA_KEY_TRANSPORT(2, "keyEncipherment");

    private final int keyUsageBit;
    private final String keyUsageName;

    KeyExchangeKind(int keyUsageBit, String keyUsageName) {
        this.keyUsageBit = keyUsageBit;
        this.keyUsageName = keyUsageName;
    }

    /** Index into {@link java.security.cert.X509Certificate#getKeyUsage()} (RFC 5280 §4.2.1.3). */
    int keyUsageBit() {
        return keyUsageBit;
    }

    String keyUsageName() {
        return keyUsageName;
    }
}
