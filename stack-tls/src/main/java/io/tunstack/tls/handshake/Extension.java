package io.tunstack.tls.handshake;

/** One extension to send: type and extension_data. */
public record Extension(int type, byte[] data) {
}
