package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.util.List;
import java.util.Map;

/**
 * Server: waiting for the ClientHello, or, after a HelloRetryRequest, for the second one
 * (RFC 8446 §4.1.2, §4.1.4). Picks the version; in TLS 1.3 suite, group, signature scheme and ALPN
 * protocol, asking for another key share when the client sent none we accept, else sending the
 * server's first flight; TLS 1.2 goes to {@link Tls12ServerFlight}.
 */
public final class ExpectClientHello implements ServerHandshakeState {

    /** The first ClientHello and what the HelloRetryRequest chose, or null before any. */
    private final ClientHelloOffer firstHello;
    private final ServerNegotiation retried;
    private final SessionDetails details;

    private ExpectClientHello(ClientHelloOffer firstHello, ServerNegotiation retried, SessionDetails details) {
        this.firstHello = firstHello;
        this.retried = retried;
        this.details = details;
    }

    public static ServerHandshakeState start() {
        return new ExpectClientHello(null, null, new SessionDetails());
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CLIENT_HELLO) {
            throw message.unexpected("waiting for ClientHello");
        }
        ClientHelloOffer hello = ClientHelloOffer.decode(message);
        List<Integer> versions = hello.supportedVersions();
        context.record(HandshakeEvent.CLIENT_HELLO_RECEIVED, () -> describe(hello, versions));
        if (firstHello != null && !hello.sameAsBeforeRetry(firstHello)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello changes more than the HelloRetryRequest allows (RFC 8446 §4.1.2)");
        }
        details.serverName = hello.serverName();
        // RFC 8446 §4.2.1: with supported_versions the version comes from it, else from legacy_version (RFC 5246 §7.4.1.2).
        TlsServerConfig config = context.config();
        if (versions.contains(ProtocolVersion.TLS_1_3.code()) && config.enabled(ProtocolVersion.TLS_1_3)) {
            return handleTls13(context, message, hello);
        }
        boolean offersTls12 = versions.isEmpty() ? hello.legacyVersion() >= ProtocolVersion.TLS_1_2.code() : versions.contains(ProtocolVersion.TLS_1_2.code());
        if (offersTls12 && config.enabled(ProtocolVersion.TLS_1_2)) {
            return Tls12ServerFlight.send(context, message, hello, details);
        }
        throw new TlsException(AlertDescription.PROTOCOL_VERSION, "no protocol version in common: the client offers "
                + (versions.isEmpty() ? String.format("legacy_version 0x%04x", hello.legacyVersion()) : hex(versions)));
    }

    private ServerHandshakeState handleTls13(ServerContext context, HandshakeMessage message, ClientHelloOffer hello) throws TlsException {
        if (hello.compressionMethods().length != 1 || hello.compressionMethods()[0] != 0) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.3 ClientHello with compression methods other than null (RFC 8446 §4.1.2)");
        }
        ServerNegotiation negotiation = ServerNegotiation.negotiate(context.config(), hello);
        if (firstHello != null) {
            checkRetryAnswered(hello, negotiation);
        } else if (negotiation.clientShare() == null) {
            return retry(context, message, hello, negotiation);
        }
        ServerResumption.Accepted resumption = ServerResumption.accept(context, message, hello, negotiation, firstHello != null);
        context.transcript().add(message);
        if (firstHello == null) {
            context.transcript().selectHash(negotiation.suite().hash());
        }
        return ServerFlight.send(context, hello, negotiation, resumption, details);
    }

    /** RFC 8446 §4.1.4: the second ClientHello carries exactly one share, for the group asked for, and the same suite must follow. */
    private void checkRetryAnswered(ClientHelloOffer hello, ServerNegotiation negotiation) throws TlsException {
        Map<Integer, byte[]> shares = hello.keyShares();
        if (shares.size() != 1 || !shares.containsKey(retried.group().code())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello lacks the one key share for "
                    + retried.group().ianaName() + " that the HelloRetryRequest asked for");
        }
        if (negotiation.suite() != retried.suite() || negotiation.group() != retried.group()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello negotiates differently from the first");
        }
    }

    /**
     * RFC 8446 §4.1.4: a HelloRetryRequest naming the group to use, without a cookie; the transcript
     * then starts with message_hash(ClientHello1) (§4.4.1).
     */
    private ServerHandshakeState retry(ServerContext context, HandshakeMessage message, ClientHelloOffer hello, ServerNegotiation negotiation)
            throws TlsException {
        Transcript transcript = context.transcript();
        transcript.add(message);
        transcript.selectHash(negotiation.suite().hash());
        transcript.replaceWithMessageHash();
        context.sendHandshake(ServerHello.encode(ServerHello.helloRetryRequestRandom(), hello.legacySessionId(), negotiation.suite().code(),
                List.of(ServerFlight.selectedVersion(), new Extension(ExtensionType.KEY_SHARE, new ByteWriter().u16(negotiation.group().code()).toByteArray()))));
        context.record(HandshakeEvent.HELLO_RETRY_REQUEST_SENT, () -> negotiation.suite() + ", asks for a key share for " + negotiation.group().ianaName());
        ServerFlight.sendMiddleboxChangeCipherSpec(context, hello);
        details.helloRetryRequest = true;
        return new ExpectClientHello(hello, negotiation, details);
    }

    /** No change_cipher_spec may come before the first ClientHello (RFC 8446 §5). */
    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        if (firstHello == null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec before the ClientHello");
        }
        return this;
    }

    /** For traces, e.g. "versions 0x0304,0x0303, 9 suites, key shares 0x001d, ALPN h2". */
    private static String describe(ClientHelloOffer hello, List<Integer> versions) {
        String offer = "versions " + hex(versions) + ", " + hello.cipherSuites().size() + " suites";
        try {
            Map<Integer, byte[]> shares = hello.keyShares();
            return offer + (shares == null ? ", no key_share" : ", key shares " + hex(List.copyOf(shares.keySet())))
                    + (hello.applicationProtocols().isEmpty() ? "" : ", ALPN " + String.join(",", hello.applicationProtocols()));
        } catch (TlsException e) {
            return offer + ", " + e.getMessage(); // the handshake rejects the extension where it reads it
        }
    }

    private static String hex(List<Integer> codes) {
        return codes.stream().map(c -> String.format("0x%04x", c)).reduce((a, b) -> a + "," + b).orElse("-");
    }
}
