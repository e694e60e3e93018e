package io.tunstack.tls.handshake;

/** The TLS 1.2 ClientKeyExchange. */
public final class ClientKeyExchange {

    private ClientKeyExchange() {
    }

    /** ClientECDiffieHellmanPublic: opaque point<1..2^8-1> (RFC 8422 §5.7). */
    public static HandshakeMessage ecdhe(byte[] publicKey) {
        return HandshakeMessage.of(HandshakeType.CLIENT_KEY_EXCHANGE, new ByteWriter().opaque(1, publicKey).toByteArray());
    }

    /** EncryptedPreMasterSecret: opaque<0..2^16-1> (RFC 5246 §7.4.7.1). */
    public static HandshakeMessage rsa(byte[] encryptedPreMasterSecret) {
        return HandshakeMessage.of(HandshakeType.CLIENT_KEY_EXCHANGE, new ByteWriter().opaque(2, encryptedPreMasterSecret).toByteArray());
    }
}
