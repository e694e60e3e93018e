package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.record.AlertDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pre_shared_key extension (RFC 8446 §4.2.11): the client's identities and binders, the server's
 * selected_identity, and the binder over the ClientHello truncated before the binders.
 */
final class PreSharedKeyExtension {

    /** psk_dhe_ke, the only PSK mode this stack uses (RFC 8446 §4.2.9). */
    static final int PSK_DHE_KE = 1;

    /** One PskIdentity and its binder. */
    record Identity(byte[] identity, long obfuscatedTicketAge, byte[] binder) {
    }

    /**
     * The client's offer.
     *
     * @param bindersLength the bytes the binders list takes at the end of the ClientHello, length prefix included
     */
    record Offer(List<Identity> identities, int bindersLength) {
    }

    private PreSharedKeyExtension() {
    }

    /** A client extension for one identity with an all-zero binder of the hash's length, to be filled in by {@link #bind}. */
    static Extension unbound(byte[] identity, long obfuscatedTicketAge, HashAlgorithm hash) {
        return new Extension(ExtensionType.PRE_SHARED_KEY, new ByteWriter()
                .vector(2, w -> w.opaque(2, identity).u32(obfuscatedTicketAge))
                .vector(2, w -> w.opaque(1, new byte[hash.length()]))
                .toByteArray());
    }

    /**
     * Fills in the single binder of a ClientHello whose last extension is {@link #unbound}: HMAC under
     * the binder key's finished_key over Transcript-Hash(earlier messages, truncated ClientHello).
     *
     * @param transcript the handshake so far (after a HelloRetryRequest), or null for a first ClientHello
     */
    static HandshakeMessage bind(HandshakeMessage hello, HashAlgorithm hash, byte[] binderKey, Transcript transcript) {
        byte[] encoded = hello.encoded().clone();
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - (2 + 1 + hash.length()));
        byte[] binder = binder(hash, binderKey, truncated, transcript);
        System.arraycopy(binder, 0, encoded, encoded.length - binder.length, binder.length);
        return new HandshakeMessage(hello.type(), encoded);
    }

    /** The binder over {@code truncatedHello} preceded by {@code transcript} (null: nothing before it). */
    static byte[] binder(HashAlgorithm hash, byte[] binderKey, byte[] truncatedHello, Transcript transcript) {
        byte[] transcriptHash = transcript == null ? hash.hash(truncatedHello) : transcript.hashWith(truncatedHello);
        return KeySchedule.finishedVerifyData(hash, binderKey, transcriptHash);
    }

    /** OfferedPsks: identities<7..2^16-1>, binders<33..2^16-1>, as many binders as identities. */
    static Offer decodeOffer(byte[] data) throws TlsException {
        ByteReader r = new ByteReader(data);
        ByteReader identityList = r.sub(2);
        int bindersStart = r.remaining();
        ByteReader binderList = r.sub(2);
        r.expectEnd("pre_shared_key");
        List<byte[]> identities = new ArrayList<>();
        List<Long> ages = new ArrayList<>();
        while (identityList.hasRemaining()) {
            identities.add(identityList.vector16(1));
            ages.add(identityList.u32());
        }
        List<Identity> offered = new ArrayList<>();
        while (binderList.hasRemaining()) {
            byte[] binder = binderList.vector8(32);
            if (offered.size() == identities.size()) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "more PSK binders than identities");
            }
            offered.add(new Identity(identities.get(offered.size()), ages.get(offered.size()), binder));
        }
        if (offered.isEmpty() || offered.size() != identities.size()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "PSK identities and binders do not pair up");
        }
        return new Offer(offered, bindersStart);
    }

    /** The server's answer: the index of the accepted identity. */
    static Extension selected(int index) {
        return new Extension(ExtensionType.PRE_SHARED_KEY, new ByteWriter().u16(index).toByteArray());
    }

    static int decodeSelected(byte[] data) throws TlsException {
        ByteReader r = new ByteReader(data);
        int index = r.u16();
        r.expectEnd("pre_shared_key");
        return index;
    }
}
