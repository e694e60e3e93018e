/**
 * The TLS record layer: framing, size limits, per-version record protection (RFC 8446 §5,
 * RFC 5246 §6.2, RFC 5288, RFC 7905), sequence numbers, alerts and handshake message reassembly.
 */
package io.tunstack.tls.record;
