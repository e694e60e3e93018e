package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.util.Arrays;

/**
 * An ECDHE ServerKeyExchange (RFC 8422 §5.4, RFC 5246 §7.4.3): ServerECDHParams (named_curve only)
 * and a signature over client_random || server_random || params.
 */
public record ServerKeyExchange(int namedGroup, byte[] publicKey, byte[] params, int signatureScheme, byte[] signature) {

    private static final int NAMED_CURVE = 3;

    /** ServerECDHParams for a named curve: curve_type, named_curve, opaque point<1..2^8-1> (RFC 8422 §5.4). */
    public static byte[] params(int namedGroup, byte[] publicKey) {
        return new ByteWriter().u8(NAMED_CURVE).u16(namedGroup).opaque(1, publicKey).toByteArray();
    }

    /** The message: params, then the signature scheme and the signature. */
    public static HandshakeMessage encode(byte[] params, int signatureScheme, byte[] signature) {
        return HandshakeMessage.of(HandshakeType.SERVER_KEY_EXCHANGE, new ByteWriter().bytes(params).u16(signatureScheme).opaque(2, signature).toByteArray());
    }

    /** What the signature covers: client_random || server_random || params (RFC 8422 §5.4). */
    public static byte[] signedContent(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        return new ByteWriter().bytes(clientRandom).bytes(serverRandom).bytes(params).toByteArray();
    }

    public static ServerKeyExchange decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int start = r.remaining();
        int curveType = r.u8();
        if (curveType != NAMED_CURVE) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ECCurveType " + curveType + " is not named_curve");
        }
        int group = r.u16();
        byte[] publicKey = r.vector8(1);
        int paramsLength = start - r.remaining();
        byte[] params = Arrays.copyOfRange(message.encoded(), 4, 4 + paramsLength);
        int scheme = r.u16();
        byte[] signature = r.vector16(0);
        r.expectEnd("ServerKeyExchange");
        return new ServerKeyExchange(group, publicKey, params, scheme, signature);
    }
}
