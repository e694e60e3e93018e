package io.tunstack.tls.handshake;

import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.crypto.Hkdf;
import io.tunstack.tls.crypto.Hmac;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1): Early Secret = HKDF-Extract(0, PSK), with PSK = 0 without one,
 * Handshake Secret = HKDF-Extract(Derive-Secret(Early, "derived", ""), (EC)DHE),
 * Master Secret = HKDF-Extract(Derive-Secret(Handshake, "derived", ""), 0).
 */
public final class KeySchedule {

    private final HashAlgorithm hash;
    private final byte[] earlySecret;
    private byte[] handshakeSecret;
    private byte[] masterSecret;

    public KeySchedule(HashAlgorithm hash) {
        this(hash, new byte[hash.length()]);
    }

    /** A schedule that starts from a resumption PSK (RFC 8446 §4.6.1). */
    public KeySchedule(HashAlgorithm hash, byte[] psk) {
        this.hash = hash;
        this.earlySecret = Hkdf.extract(hash, new byte[0], psk);
    }

    /** binder_key for resumption PSKs: Derive-Secret(Early Secret, "res binder", "") (RFC 8446 §7.1). */
    public byte[] resumptionBinderKey() {
        return Hkdf.deriveSecret(hash, earlySecret, "res binder", hash.hash(new byte[0]));
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public byte[] earlySecret() {
        return earlySecret.clone();
    }

    /** Mixes in the (EC)DHE shared secret. */
    public void inputSharedSecret(byte[] sharedSecret) {
        handshakeSecret = Hkdf.extract(hash, derived(earlySecret), sharedSecret);
    }

    public byte[] handshakeSecret() {
        return handshakeSecret.clone();
    }

    /** client_handshake_traffic_secret over Transcript-Hash(ClientHello...ServerHello). */
    public byte[] clientHandshakeTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, handshakeSecret, "c hs traffic", transcriptHash);
    }

    public byte[] serverHandshakeTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, handshakeSecret, "s hs traffic", transcriptHash);
    }

    /** Moves on to the master secret once the handshake secret is no longer needed. */
    public void deriveMasterSecret() {
        masterSecret = Hkdf.extract(hash, derived(handshakeSecret), new byte[hash.length()]);
    }

    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** client_application_traffic_secret_0 over Transcript-Hash(ClientHello...server Finished). */
    public byte[] clientApplicationTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, masterSecret, "c ap traffic", transcriptHash);
    }

    public byte[] serverApplicationTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, masterSecret, "s ap traffic", transcriptHash);
    }

    public byte[] exporterMasterSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, masterSecret, "exp master", transcriptHash);
    }

    /** resumption_master_secret over Transcript-Hash(ClientHello...client Finished). */
    public byte[] resumptionMasterSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, masterSecret, "res master", transcriptHash);
    }

    /** Finished verify_data = HMAC(finished_key, Transcript-Hash), finished_key from the base key (RFC 8446 §4.4.4). */
    public static byte[] finishedVerifyData(HashAlgorithm hash, byte[] baseKey, byte[] transcriptHash) {
        byte[] finishedKey = Hkdf.expandLabel(hash, baseKey, "finished", new byte[0], hash.length());
        return Hmac.mac(hash, finishedKey, transcriptHash);
    }

    /** application_traffic_secret_N+1 (RFC 8446 §7.2). */
    public static byte[] nextTrafficSecret(HashAlgorithm hash, byte[] trafficSecret) {
        return Hkdf.expandLabel(hash, trafficSecret, "traffic upd", new byte[0], hash.length());
    }

    /** The PSK a ticket stands for: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) (RFC 8446 §4.6.1). */
    public static byte[] ticketPsk(HashAlgorithm hash, byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return Hkdf.expandLabel(hash, resumptionMasterSecret, "resumption", ticketNonce, hash.length());
    }

    private byte[] derived(byte[] secret) {
        return Hkdf.deriveSecret(hash, secret, "derived", hash.hash(new byte[0]));
    }
}
