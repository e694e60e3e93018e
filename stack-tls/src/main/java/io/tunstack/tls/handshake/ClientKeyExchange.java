package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;

/** The TLS 1.2 ClientKeyExchange. */
public final class ClientKeyExchange {

    private ClientKeyExchange() {
    }

    /** ClientECDiffieHellmanPublic: opaque point<1..2^8-1> (RFC 8422 §5.7). */
    public static HandshakeMessage ecdhe(byte[] publicKey) {
        return HandshakeMessage.of(HandshakeType.CLIENT_KEY_EXCHANGE, new ByteWriter().opaque(1, publicKey).toByteArray());
    }

    /** The client's ECDHE public point from a ClientKeyExchange (RFC 8422 §5.7). */
    public static byte[] decodeEcdhe(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        byte[] point = r.vector8(1);
        r.expectEnd("ClientKeyExchange");
        return point;
    }

    /** EncryptedPreMasterSecret: opaque<0..2^16-1> (RFC 5246 §7.4.7.1). */
    public static HandshakeMessage rsa(byte[] encryptedPreMasterSecret) {
        return HandshakeMessage.of(HandshakeType.CLIENT_KEY_EXCHANGE, new ByteWriter().opaque(2, encryptedPreMasterSecret).toByteArray());
    }
}
