package io.tunstack.tls.handshake;

/**
 * What the server's states after its Finished share: the handshake secrets (the client's Finished is
 * checked with the client handshake secret) and both application traffic secrets, derived over the
 * transcript through the server Finished (RFC 8446 §7.1).
 */
record ServerSecrets(Tls13Secrets handshake, byte[] clientApplicationSecret, byte[] serverApplicationSecret) {
}
