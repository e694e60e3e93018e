package io.tunstack.tls;

/**
 * A TLS 1.3 ticket received in a NewSessionTicket, with the PSK it stands for (RFC 8446 §4.6.1).
 *
 * @param receivedAtMillis wall-clock time of receipt, for ticket age and lifetime
 */
public record SessionTicket(
        String serverName,
        CipherSuite cipherSuite,
        byte[] ticket,
        byte[] psk,
        long lifetimeSeconds,
        long ageAdd,
        long receivedAtMillis) {

    public boolean expired(long nowMillis) {
        return nowMillis - receivedAtMillis >= lifetimeSeconds * 1000;
    }
}
