package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;

/** The TLS 1.3 key schedule and handshake traffic secrets the states after ServerHello share. */
record Tls13Secrets(CipherSuite suite, KeySchedule schedule, byte[] clientHandshakeSecret, byte[] serverHandshakeSecret) {
}
