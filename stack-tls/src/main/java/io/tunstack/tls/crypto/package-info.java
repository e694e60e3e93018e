/**
 * Thin wrappers over JDK and Bouncy Castle primitives in TLS terms: AEADs, HKDF, HMAC, the TLS 1.2
 * PRF, (EC)DHE groups, signature schemes and RSA key transport. No protocol logic.
 */
package io.tunstack.tls.crypto;
