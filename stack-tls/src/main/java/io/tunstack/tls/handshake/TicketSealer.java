package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.Aead;
import io.tunstack.tls.crypto.AeadAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Stateless session tickets (RFC 8446 §4.6.1 leaves the ticket's content to the server): the state
 * needed to resume, sealed with AES-256-GCM under a key that lives as long as the server
 * configuration. A ticket is nonce (12 bytes) || ciphertext || tag. Thread-safe.
 */
public final class TicketSealer {

    /** What a ticket carries: the PSK and what must match when it is used (RFC 8446 §4.2.11, §4.6.1). */
    record Contents(CipherSuite suite, byte[] psk, long issuedMillis, long ageAdd, String applicationProtocol) {
    }

    private static final byte[] ADDITIONAL_DATA = "tunstack ticket v1".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;
    private final SecureRandom random;

    public TicketSealer(SecureRandom random) {
        byte[] key = new byte[AeadAlgorithm.AES_256_GCM.keyLength()];
        random.nextBytes(key);
        this.aead = AeadAlgorithm.AES_256_GCM.newAead(key);
        this.random = random;
    }

    synchronized byte[] seal(Contents contents) {
        byte[] plain = new ByteWriter().u16(contents.suite().code()).u32(contents.issuedMillis() >>> 32).u32(contents.issuedMillis() & 0xffffffffL)
                .u32(contents.ageAdd()).opaque(1, contents.psk())
                .opaque(1, contents.applicationProtocol() == null ? new byte[0] : contents.applicationProtocol().getBytes(StandardCharsets.US_ASCII))
                .toByteArray();
        byte[] ticket = new byte[AeadAlgorithm.NONCE_LENGTH + plain.length + AeadAlgorithm.TAG_LENGTH];
        byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, ticket, 0, nonce.length);
        aead.seal(nonce, ADDITIONAL_DATA, plain, 0, plain.length, ticket, nonce.length);
        return ticket;
    }

    /** The contents of a ticket this sealer made, or null for anything else (forged, corrupted, another key). */
    synchronized Contents open(byte[] ticket) {
        if (ticket.length < AeadAlgorithm.NONCE_LENGTH + AeadAlgorithm.TAG_LENGTH) {
            return null;
        }
        byte[] nonce = Arrays.copyOf(ticket, AeadAlgorithm.NONCE_LENGTH);
        byte[] plain = new byte[ticket.length - AeadAlgorithm.NONCE_LENGTH - AeadAlgorithm.TAG_LENGTH];
        try {
            aead.open(nonce, ADDITIONAL_DATA, ticket, nonce.length, ticket.length - nonce.length, plain, 0);
            ByteReader r = new ByteReader(plain);
            CipherSuite suite = CipherSuite.fromCode(r.u16());
            long issued = (r.u32() << 32) | r.u32();
            long ageAdd = r.u32();
            byte[] psk = r.vector8(1);
            byte[] alpn = r.vector8(0);
            r.expectEnd("ticket");
            return new Contents(suite, psk, issued, ageAdd, alpn.length == 0 ? null : new String(alpn, StandardCharsets.US_ASCII));
        } catch (AEADBadTagException | TlsException e) {
            return null;
        }
    }
}
