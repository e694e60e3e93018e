package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;

/** What the TLS 1.2 states after ServerHello share. */
record Tls12Parameters(CipherSuite suite, byte[] clientRandom, byte[] serverRandom, boolean extendedMasterSecret) {
}
