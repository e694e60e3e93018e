package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Server: whether to resume with a ticket offered in pre_shared_key (RFC 8446 §4.2.9-4.2.11, §4.6.1).
 * A ticket is taken when we sealed it for TLS 1.3, it has not expired, the client's view of its age is
 * close to ours, its hash is the negotiated suite's, its ALPN protocol the negotiated one and its server
 * name the ClientHello's; its binder must then verify. Otherwise the handshake is a full one.
 */
final class ServerResumption {

    /** How far the client's ticket age may be from ours (RFC 8446 §8.3 leaves the window to the server). */
    private static final long AGE_TOLERANCE_MILLIS = 10_000;

    /** The accepted identity's index and the key schedule from its PSK. */
    record Accepted(int index, KeySchedule schedule) {
    }

    private ServerResumption() {
    }

    /**
     * @param afterRetry whether a HelloRetryRequest came before, so the binder covers the transcript too
     * @return the accepted ticket, or null for a full handshake
     */
    static Accepted accept(ServerContext context, HandshakeMessage message, ClientHelloOffer hello, ServerNegotiation negotiation,
            boolean afterRetry) throws TlsException {
        byte[] data = hello.extensions().get(ExtensionType.PRE_SHARED_KEY);
        if (data == null) {
            return null;
        }
        PreSharedKeyExtension.Offer offer = PreSharedKeyExtension.decodeOffer(data);
        List<Integer> modes = hello.pskKeyExchangeModes();
        if (modes == null) {
            throw new TlsException(AlertDescription.MISSING_EXTENSION, "pre_shared_key without psk_key_exchange_modes (RFC 8446 §4.2.9)");
        }
        TlsServerConfig config = context.config();
        // A ticket carries no client identity, so a server that authenticates clients does not resume.
        if (!modes.contains(PreSharedKeyExtension.PSK_DHE_KE) || config.clientAuthentication() != TlsServerConfig.ClientAuthentication.NONE
                || config.ticketLifetimeSeconds() == 0) {
            return null;
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < offer.identities().size(); i++) {
            PreSharedKeyExtension.Identity identity = offer.identities().get(i);
            TicketSealer.Contents ticket = config.ticketSealer().open(identity.identity());
            if (ticket == null || ticket.suite().version() != ProtocolVersion.TLS_1_3 || ticket.suite().hash() != negotiation.suite().hash()
                    || !Objects.equals(ticket.applicationProtocol(), negotiation.applicationProtocol())
                    || !Objects.equals(ticket.serverName(), hello.serverName())) {
                continue;
            }
            long serverAge = now - ticket.issuedMillis();
            long clientAge = (identity.obfuscatedTicketAge() - ticket.ageAdd()) & 0xffffffffL;
            if (serverAge < 0 || serverAge > config.ticketLifetimeSeconds() * 1000 || Math.abs(clientAge - serverAge) > AGE_TOLERANCE_MILLIS) {
                continue;
            }
            KeySchedule schedule = new KeySchedule(ticket.suite().hash(), ticket.secret());
            byte[] truncated = Arrays.copyOf(message.encoded(), message.encoded().length - offer.bindersLength());
            byte[] expected = PreSharedKeyExtension.binder(ticket.suite().hash(), schedule.resumptionBinderKey(), truncated,
                    afterRetry ? context.transcript() : null);
            if (!MessageDigest.isEqual(expected, identity.binder())) {
                throw new TlsException(AlertDescription.DECRYPT_ERROR, "PSK binder does not verify (RFC 8446 §4.2.11)");
            }
            return new Accepted(i, schedule);
        }
        return null;
    }
}
