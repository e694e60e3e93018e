package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/** One complete handshake message: its type, and the encoded bytes (header included) as they enter the transcript. */
public record HandshakeMessage(HandshakeType type, byte[] encoded) {

    /** Parses the 4-byte header of a reassembled message. */
    public static HandshakeMessage parse(byte[] encoded) throws TlsException {
        HandshakeType type = HandshakeType.fromCode(encoded[0] & 0xff);
        if (type == null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unknown handshake message type " + (encoded[0] & 0xff));
        }
        return new HandshakeMessage(type, encoded);
    }

    /** Frames a body as a handshake message of {@code type}. */
    public static HandshakeMessage of(HandshakeType type, byte[] body) {
        return new HandshakeMessage(type, new ByteWriter().u8(type.code()).opaque(3, body).toByteArray());
    }

    /** A reader over the body (after the 4-byte header). */
    public ByteReader body() {
        return new ByteReader(encoded, 4, encoded.length - 4);
    }

    public TlsException unexpected(String state) {
        return new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unexpected " + type + " while " + state);
    }
}
