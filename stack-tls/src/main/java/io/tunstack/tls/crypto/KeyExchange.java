package io.tunstack.tls.crypto;

import java.security.InvalidKeyException;

/** One ephemeral (EC)DHE key pair: its public share as sent on the wire, and the shared secret with a peer share. */
public interface KeyExchange {

    NamedGroup group();

    /** The public share encoded as in a KeyShareEntry (RFC 8446 §4.2.8.2). */
    byte[] publicKey();

    /**
     * The shared secret with the peer's encoded public share.
     *
     * @throws InvalidKeyException if the peer share is malformed, not on the curve, or yields a degenerate secret
     */
    byte[] sharedSecret(byte[] peerPublicKey) throws InvalidKeyException;
}
