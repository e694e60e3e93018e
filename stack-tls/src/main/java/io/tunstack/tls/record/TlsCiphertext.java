package io.tunstack.tls.record;

/** One received record as framed on the wire: its 5-byte header and the (possibly protected) fragment. */
public record TlsCiphertext(ContentType type, byte[] header, byte[] fragment) {
}
