package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Waiting for ServerHello (or HelloRetryRequest). The ServerHello decides the version: with
 * supported_versions = TLS 1.3 the TLS 1.3 states follow, otherwise the TLS 1.2 ones.
 */
public final class ExpectServerHello implements HandshakeState {

    private static final Set<Integer> TLS13_SERVER_HELLO_EXTENSIONS = Set.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE);
    private static final Set<Integer> TLS13_RESUMING_SERVER_HELLO_EXTENSIONS =
            Set.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE, ExtensionType.PRE_SHARED_KEY);
    private static final Set<Integer> HELLO_RETRY_REQUEST_EXTENSIONS =
            Set.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE, ExtensionType.COOKIE);
    private static final Set<Integer> TLS12_SERVER_HELLO_EXTENSIONS = Set.of(ExtensionType.SERVER_NAME, ExtensionType.EC_POINT_FORMATS,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RENEGOTIATION_INFO,
            ExtensionType.SESSION_TICKET);

    private final byte[] clientRandom;
    private final byte[] sessionId;
    private final List<KeyExchange> keyShares;
    private final Set<Integer> offeredExtensions;
    /** The suite of the HelloRetryRequest, or null before any. */
    private final CipherSuite retrySuite;
    private final SessionDetails details;
    /** The ticket offered for resumption, or null. */
    private final TicketOffer offer;
    /** The TLS 1.2 session offered for resumption, or null. */
    private final Tls12SessionOffer tls12Offer;

    private ExpectServerHello(byte[] clientRandom, byte[] sessionId, List<KeyExchange> keyShares, ClientHello sent,
            CipherSuite retrySuite, SessionDetails details, TicketOffer offer, Tls12SessionOffer tls12Offer) {
        this.clientRandom = clientRandom;
        this.sessionId = sessionId;
        this.keyShares = keyShares;
        this.offeredExtensions = new HashSet<>();
        sent.extensions().forEach(e -> offeredExtensions.add(e.type()));
        this.retrySuite = retrySuite;
        this.details = details;
        this.offer = offer;
        this.tls12Offer = tls12Offer;
    }

    /** Sends the first ClientHello and returns the state waiting for the answer. */
    public static HandshakeState start(HandshakeContext context) throws TlsException {
        TlsConfig config = context.config();
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        boolean tls13 = config.enabled(ProtocolVersion.TLS_1_3);
        long now = System.currentTimeMillis();
        Tls12SessionOffer tls12Offer = Tls12SessionOffer.choose(config, now);
        // The TLS 1.2 session's ID (RFC 5246 §7.4.1.2; RFC 8446 §4.1.2 allows it with TLS 1.3 too), else
        // middlebox compatibility mode (RFC 8446 §D.4): a non-empty legacy_session_id.
        byte[] sessionId = new byte[tls13 ? 32 : 0];
        config.random().nextBytes(sessionId);
        if (tls12Offer != null) {
            sessionId = tls12Offer.sessionId();
        }
        List<KeyExchange> shares = tls13 ? ClientHelloBuilder.generateShares(config, config.keyShareGroups()) : List.of();
        TicketOffer offer = TicketOffer.choose(config, now);
        ClientHello hello = ClientHelloBuilder.build(config, random, sessionId, shares, null, offer == null ? null : offer.unbound(now),
                Tls12SessionOffer.sessionTicketExtension(config, tls12Offer));
        context.sendHandshake(offer == null ? hello.encode() : offer.bind(hello.encode(), null));
        context.record(HandshakeEvent.CLIENT_HELLO_SENT, () -> ClientHelloBuilder.describe(config, shares) + (offer == null ? "" : ", ticket offered")
                + (tls12Offer == null ? "" : tls12Offer.session().hasTicket() ? ", TLS 1.2 ticket offered" : ", TLS 1.2 session_id offered"));
        return new ExpectServerHello(random, sessionId, shares, hello, null, new SessionDetails(), offer, tls12Offer);
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.SERVER_HELLO) {
            throw message.unexpected("waiting for ServerHello");
        }
        ServerHello hello = ServerHello.decode(message);
        if (hello.isHelloRetryRequest()) {
            return retry(context, message, hello);
        }
        if (hello.selectedVersion() != -1) {
            return acceptTls13(context, message, hello);
        }
        return acceptTls12(context, message, hello);
    }

    /** A dummy change_cipher_spec may arrive once a HelloRetryRequest has been sent (RFC 8446 §5). */
    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
        if (retrySuite == null) {
            return HandshakeState.super.handleChangeCipherSpec(context);
        }
        return this;
    }

    /** RFC 8446 §4.1.4: answer a HelloRetryRequest with a second ClientHello. */
    private HandshakeState retry(HandshakeContext context, HandshakeMessage message, ServerHello hrr) throws TlsException {
        if (retrySuite != null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "second HelloRetryRequest");
        }
        CipherSuite suite = checkTls13Hello(context, hrr, HELLO_RETRY_REQUEST_EXTENSIONS);
        ByteReader keyShare = hrr.extensions().reader(ExtensionType.KEY_SHARE);
        byte[] cookie = null;
        ByteReader cookieReader = hrr.extensions().reader(ExtensionType.COOKIE);
        if (cookieReader != null) {
            cookie = cookieReader.vector16(1);
            cookieReader.expectEnd("cookie");
        }
        List<KeyExchange> shares = keyShares;
        if (keyShare != null) {
            int code = keyShare.u16();
            keyShare.expectEnd("HelloRetryRequest key_share");
            NamedGroup group = NamedGroup.fromCode(code);
            if (group == null || !context.config().groups().contains(group) || keyShares.stream().anyMatch(k -> k.group() == group)) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("HelloRetryRequest asks for unusable group 0x%04x", code));
            }
            shares = List.of(group.generate(context.config().random()));
        } else if (cookie == null) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest would not change the ClientHello");
        }
        Transcript transcript = context.transcript();
        transcript.selectHash(suite.hash());
        transcript.replaceWithMessageHash();
        transcript.add(message);
        String retry = suite + (shares == keyShares ? "" : ", asks for a key share for " + shares.get(0).group().ianaName())
                + (cookie == null ? "" : ", cookie"); // a rare path: described at once, not when a listener asks
        context.record(HandshakeEvent.HELLO_RETRY_REQUEST_RECEIVED, () -> retry);
        details.helloRetryRequest = true;
        // RFC 8446 §4.1.4: a PSK whose hash is not the HelloRetryRequest suite's is left out of the second ClientHello.
        TicketOffer kept = offer != null && offer.ticket().cipherSuite().hash() == suite.hash() ? offer : null;
        long now = System.currentTimeMillis();
        ClientHello second = ClientHelloBuilder.build(context.config(), clientRandom, sessionId, shares, cookie, kept == null ? null : kept.unbound(now),
                Tls12SessionOffer.sessionTicketExtension(context.config(), tls12Offer));
        context.sendMiddleboxChangeCipherSpecOnce();
        context.sendHandshake(kept == null ? second.encode() : kept.bind(second.encode(), transcript));
        String sent = ClientHelloBuilder.describe(context.config(), shares) + (kept == null ? "" : ", ticket offered");
        context.record(HandshakeEvent.CLIENT_HELLO_SENT, () -> sent);
        return new ExpectServerHello(clientRandom, sessionId, shares, second, suite, details, kept, tls12Offer);
    }

    private HandshakeState acceptTls13(HandshakeContext context, HandshakeMessage message, ServerHello hello) throws TlsException {
        CipherSuite suite = checkTls13Hello(context, hello, offer == null ? TLS13_SERVER_HELLO_EXTENSIONS : TLS13_RESUMING_SERVER_HELLO_EXTENSIONS);
        if (retrySuite != null && suite != retrySuite) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "ServerHello suite differs from the HelloRetryRequest's");
        }
        ByteReader keyShare = hello.extensions().reader(ExtensionType.KEY_SHARE);
        if (keyShare == null) {
            throw new TlsException(AlertDescription.MISSING_EXTENSION, "TLS 1.3 ServerHello without key_share");
        }
        int code = keyShare.u16();
        byte[] serverShare = keyShare.vector16(1);
        keyShare.expectEnd("ServerHello key_share");
        KeyExchange mine = keyShares.stream().filter(k -> k.group().code() == code).findFirst()
                .orElseThrow(() -> new TlsException(AlertDescription.ILLEGAL_PARAMETER,
                        String.format("ServerHello key_share for group 0x%04x we sent no share for", code)));
        byte[] shared;
        try {
            shared = mine.sharedSecret(serverShare);
        } catch (InvalidKeyException e) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "invalid server key share: " + e.getMessage(), e);
        }
        Transcript transcript = context.transcript();
        if (retrySuite == null) {
            transcript.selectHash(suite.hash());
        }
        transcript.add(message);
        KeySchedule schedule = resumptionSchedule(hello, suite);
        schedule.inputSharedSecret(shared);
        byte[] helloHash = transcript.currentHash();
        byte[] clientSecret = schedule.clientHandshakeTrafficSecret(helloHash);
        byte[] serverSecret = schedule.serverHandshakeTrafficSecret(helloHash);
        context.setReadProtection(TrafficKeys.protection(suite.hash(), suite.aead(), serverSecret));
        context.record(HandshakeEvent.SERVER_HELLO_RECEIVED, () -> ProtocolVersion.TLS_1_3 + ", " + suite + ", " + mine.group().ianaName()
                + (details.resumed ? ", ticket accepted" : ""));
        details.suite = suite;
        details.group = mine.group();
        details.extendedMasterSecret = true;
        if (tls12Offer != null) {
            tls12Offer.putBack(context.config());
        }
        return new ExpectEncryptedExtensions(details, new Tls13Secrets(suite, schedule, clientSecret, serverSecret));
    }

    /**
     * RFC 8446 §4.2.11: a server that accepts our ticket names identity 0 and a suite with the
     * ticket's hash; the schedule then starts from its PSK. Without pre_shared_key: a full handshake.
     */
    private KeySchedule resumptionSchedule(ServerHello hello, CipherSuite suite) throws TlsException {
        byte[] selected = hello.extensions().get(ExtensionType.PRE_SHARED_KEY);
        if (selected == null) {
            return new KeySchedule(suite.hash());
        }
        if (PreSharedKeyExtension.decodeSelected(selected) != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected a PSK identity we did not offer");
        }
        if (offer.ticket().cipherSuite().hash() != suite.hash()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server resumed with a suite whose hash is not the ticket's");
        }
        details.resumed = true;
        return offer.schedule();
    }

    /** Checks shared by ServerHello and HelloRetryRequest in TLS 1.3 (RFC 8446 §4.1.3, §4.1.4, §4.2.1). */
    private CipherSuite checkTls13Hello(HandshakeContext context, ServerHello hello, Set<Integer> allowed) throws TlsException {
        if (hello.selectedVersion() != ProtocolVersion.TLS_1_3.code() || !context.config().enabled(ProtocolVersion.TLS_1_3)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected a version we did not offer in supported_versions");
        }
        if (hello.legacyVersion() != ProtocolVersion.TLS_1_2.code()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.3 ServerHello legacy_version is not 0x0303");
        }
        if (!Arrays.equals(hello.sessionIdEcho(), sessionId)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "legacy_session_id_echo does not match");
        }
        hello.extensions().requireOnly(allowed, "TLS 1.3 ServerHello");
        CipherSuite suite = CipherSuite.fromCode(hello.cipherSuite());
        if (suite == null || !context.config().cipherSuites(ProtocolVersion.TLS_1_3).contains(suite)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("server chose suite 0x%04x we did not offer", hello.cipherSuite()));
        }
        return suite;
    }

    /** RFC 5246 §7.4.1.3 with the RFC 8446 §4.1.3 downgrade protection. */
    private HandshakeState acceptTls12(HandshakeContext context, HandshakeMessage message, ServerHello hello) throws TlsException {
        TlsConfig config = context.config();
        if (retrySuite != null) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.2 ServerHello after a HelloRetryRequest");
        }
        if (hello.legacyVersion() != ProtocolVersion.TLS_1_2.code() || !config.enabled(ProtocolVersion.TLS_1_2)) {
            throw new TlsException(AlertDescription.PROTOCOL_VERSION, String.format("server version 0x%04x is not enabled", hello.legacyVersion()));
        }
        if (config.enabled(ProtocolVersion.TLS_1_3) && hello.hasDowngradeSentinel()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.2 ServerHello carries the TLS 1.3 downgrade sentinel");
        }
        CipherSuite suite = CipherSuite.fromCode(hello.cipherSuite());
        if (suite == null || !config.cipherSuites(ProtocolVersion.TLS_1_2).contains(suite)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("server chose suite 0x%04x we did not offer", hello.cipherSuite()));
        }
        Set<Integer> allowed = new HashSet<>(TLS12_SERVER_HELLO_EXTENSIONS);
        allowed.retainAll(offeredExtensions);
        Extensions extensions = hello.extensions();
        extensions.requireOnly(allowed, "TLS 1.2 ServerHello");
        byte[] renegotiationInfo = extensions.get(ExtensionType.RENEGOTIATION_INFO);
        if (renegotiationInfo != null && !Arrays.equals(renegotiationInfo, new byte[] {0})) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "non-empty renegotiation_info on the initial handshake (RFC 5746 §3.4)");
        }
        byte[] pointFormats = extensions.get(ExtensionType.EC_POINT_FORMATS);
        if (pointFormats != null) {
            ByteReader r = new ByteReader(pointFormats);
            byte[] formats = r.vector8(1);
            r.expectEnd("ec_point_formats");
            boolean uncompressed = false;
            for (byte format : formats) {
                uncompressed |= format == 0;
            }
            if (!uncompressed) {
                throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server does not support uncompressed points (RFC 8422 §5.2)");
            }
        }
        byte[] ems = extensions.get(ExtensionType.EXTENDED_MASTER_SECRET);
        if (ems != null && ems.length != 0) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "extended_master_secret with a body");
        }
        byte[] ticketAnnounced = extensions.get(ExtensionType.SESSION_TICKET);
        if (ticketAnnounced != null && ticketAnnounced.length != 0) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "session_ticket with a body in the ServerHello (RFC 5077 §3.2)");
        }
        // RFC 5246 §7.4.1.3: a server that echoes the session_id we sent resumes that session.
        boolean resumed = hello.sessionIdEcho().length > 0 && Arrays.equals(hello.sessionIdEcho(), sessionId);
        if (resumed) {
            checkResumable(suite, ems != null);
        }
        details.suite = suite;
        details.extendedMasterSecret = ems != null;
        details.applicationProtocol = AlpnExtension.selected(extensions, config.applicationProtocols());
        details.resumed = resumed;
        Transcript transcript = context.transcript();
        // Only a client with a certificate may need the messages, for its CertificateVerify (RFC 5246 §7.4.8); none when resuming.
        transcript.selectHash(suite.hash(), config.clientKey() != null && !resumed);
        transcript.add(message);
        context.record(HandshakeEvent.SERVER_HELLO_RECEIVED, () -> ProtocolVersion.TLS_1_2 + ", " + suite
                + (details.extendedMasterSecret ? ", extended_master_secret" : "")
                + (details.applicationProtocol == null ? "" : ", ALPN " + details.applicationProtocol)
                + (resumed ? ", session resumed" : "") + (ticketAnnounced != null ? ", ticket announced" : ""));
        Tls12Parameters parameters = new Tls12Parameters(suite, clientRandom, hello.random(), details.extendedMasterSecret, hello.sessionIdEcho(),
                ticketAnnounced != null);
        if (!resumed) {
            return new ExpectCertificate12(details, parameters);
        }
        // RFC 5246 §7.3, Figure 2: no certificates and no key exchange; the keys come from the session's master secret.
        details.peerCertificates = tls12Offer.session().peerCertificates();
        byte[] masterSecret = tls12Offer.session().masterSecret();
        Tls12KeyDerivation.RecordKeys keys = Tls12KeyDerivation.recordKeys(suite, masterSecret, clientRandom, hello.random());
        return ExpectNewSessionTicket12.before(parameters, details, new ExpectChangeCipherSpec(suite, keys.serverWrite(),
                new ExpectResumedFinished12(details, parameters, tls12Offer.session(), keys.clientWrite())));
    }

    /**
     * A TLS 1.2 ServerHello that echoes our session_id must resume the session we offered, with its suite
     * (RFC 5246 §7.4.1.3) and, as it used one, the extended master secret (RFC 7627 §5.3).
     */
    private void checkResumable(CipherSuite suite, boolean extendedMasterSecret) throws TlsException {
        if (tls12Offer == null) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.2 ServerHello echoes a session_id for a session we did not offer");
        }
        if (suite != tls12Offer.session().cipherSuite()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server resumes the session with " + suite
                    + " instead of its " + tls12Offer.session().cipherSuite() + " (RFC 5246 §7.4.1.3)");
        }
        if (!extendedMasterSecret) {
            throw new TlsException(AlertDescription.HANDSHAKE_FAILURE, "server resumes an extended master secret session without extended_master_secret (RFC 7627 §5.3)");
        }
    }
}
