package io.tunstack.tls;

/**
 * One step of the handshake (or a post-handshake message), as reported to a {@link TlsHandshakeListener}.
 * "Sent" steps happen when the message is queued for output.
 *
 * @param nanoTime when it happened, in nanoseconds of the configured clock ({@link TlsConfig.Builder#nanoClock})
 * @param detail a short human description of what the message carried, e.g. "TLS_AES_128_GCM_SHA256, x25519"
 */
public record HandshakeStep(HandshakeEvent event, long nanoTime, String detail) {
}
