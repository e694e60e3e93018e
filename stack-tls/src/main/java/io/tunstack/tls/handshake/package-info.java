/**
 * The client handshake: message codecs, the TLS 1.3 key schedule and TLS 1.2 key derivation, and
 * one class per state of the state machine (ExpectServerHello ... Connected / Connected12).
 */
package io.tunstack.tls.handshake;
