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
 * Stateless session tickets, TLS 1.3 (RFC 8446 §4.6.1) and TLS 1.2 (RFC 5077 §4), both leaving the
 * ticket's content to the server: the state needed to resume, sealed with AES-256-GCM under a key
 * that lives as long as the server configuration. A ticket is nonce (12 bytes) || ciphertext || tag;
 * the sealed state names its protocol version, so a ticket of one version never resumes the other.
 * Thread-safe.
 */
public final class TicketSealer {

    /**
     * What a ticket carries: the secret and what must match when it is used (RFC 8446 §4.2.11, §4.6.1;
     * RFC 5077 §4, RFC 7627 §5.3).
     *
     * @param suite its version is the ticket's: TLS 1.3 or TLS 1.2
     * @param secret TLS 1.3: the PSK; TLS 1.2: the master secret
     * @param ageAdd TLS 1.3 ticket_age_add; 0 in TLS 1.2
     * @param serverName the client's SNI host name, or null without one
     * @param extendedMasterSecret TLS 1.2: the master secret is an extended one (always true in TLS 1.3)
     */
    record Contents(CipherSuite suite, byte[] secret, long issuedMillis, long ageAdd, String applicationProtocol, String serverName,
            boolean extendedMasterSecret) {
    }

    private static final byte[] ADDITIONAL_DATA = "tunstack ticket v2".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;
    private final SecureRandom random;

    public TicketSealer(SecureRandom random) {
        byte[] key = new byte[AeadAlgorithm.AES_256_GCM.keyLength()];
        random.nextBytes(key);
        this.aead = AeadAlgorithm.AES_256_GCM.newAead(key);
        this.random = random;
    }

    synchronized byte[] seal(Contents contents) {
        byte[] plain = new ByteWriter().u16(contents.suite().version().code()).u16(contents.suite().code())
                .u32(contents.issuedMillis() >>> 32).u32(contents.issuedMillis() & 0xffffffffL)
                .u32(contents.ageAdd()).u8(contents.extendedMasterSecret() ? 1 : 0).opaque(1, contents.secret())
                .opaque(1, ascii(contents.applicationProtocol())).opaque(2, ascii(contents.serverName()))
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
            int version = r.u16();
            CipherSuite suite = CipherSuite.fromCode(r.u16());
            long issued = (r.u32() << 32) | r.u32();
            long ageAdd = r.u32();
            boolean extendedMasterSecret = r.u8() == 1;
            byte[] secret = r.vector8(1);
            String alpn = ascii(r.vector8(0));
            String serverName = ascii(r.vector16(0));
            r.expectEnd("ticket");
            if (suite == null || suite.version().code() != version) {
                return null;
            }
            return new Contents(suite, secret, issued, ageAdd, alpn, serverName, extendedMasterSecret);
        } catch (AEADBadTagException | TlsException e) {
            return null;
        }
    }

    private static byte[] ascii(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.US_ASCII);
    }
}
