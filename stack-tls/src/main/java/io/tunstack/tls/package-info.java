/**
 * A hand-written TLS 1.3 (RFC 8446) and TLS 1.2 (RFC 5246) client. {@link io.tunstack.tls.TlsClient}
 * is the sans-I/O engine, {@link io.tunstack.tls.TlsStreams} the blocking adapter over any byte
 * stream, {@link io.tunstack.tls.TlsConfig} its configuration and {@link io.tunstack.tls.TlsSession}
 * what a handshake negotiated.
 */
package io.tunstack.tls;
