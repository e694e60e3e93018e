package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS 1.2 ECDHE server flight (RFC 5246 §7.3, RFC 8422 §2): ServerHello, Certificate,
 * ServerKeyExchange, CertificateRequest if clients are authenticated, ServerHelloDone. A ClientHello that
 * resumes a session (see {@link Tls12ServerResumption}) gets the {@link Tls12ResumedServerFlight} instead.
 * A session_id is given only to a client that does not ask for a ticket (and the cache is on).
 */
final class Tls12ServerFlight {

    private Tls12ServerFlight() {
    }

    static ServerHandshakeState send(ServerContext context, HandshakeMessage clientHelloMessage, ClientHelloOffer hello, SessionDetails details)
            throws TlsException {
        TlsServerConfig config = context.config();
        Tls12Negotiation negotiation = Tls12Negotiation.negotiate(config, hello);
        Transcript transcript = context.transcript();
        transcript.add(clientHelloMessage);
        TicketSealer.Contents resumed = Tls12ServerResumption.accept(config, hello, negotiation, details.serverName);
        if (resumed != null) {
            return Tls12ResumedServerFlight.send(context, hello, negotiation, resumed, details);
        }
        boolean ticket = Tls12ServerResumption.issuesTicket(config, hello);
        byte[] sessionId = new byte[Tls12ServerResumption.cachesSession(config, hello) ? 32 : 0];
        config.random().nextBytes(sessionId);
        boolean requestCertificate = config.clientAuthentication() != TlsServerConfig.ClientAuthentication.NONE;
        // RFC 5246 §7.4.8: the client's CertificateVerify signs the messages themselves.
        transcript.selectHash(negotiation.suite().hash(), requestCertificate);

        byte[] random = serverRandom(config);
        context.sendHandshake(ServerHello.encode(random, sessionId, negotiation.suite().code(), extensions(negotiation, ticket)));
        context.record(HandshakeEvent.SERVER_HELLO_SENT, () -> ProtocolVersion.TLS_1_2 + ", " + negotiation.suite() + ", extended_master_secret"
                + (negotiation.applicationProtocol() == null ? "" : ", ALPN " + negotiation.applicationProtocol())
                + (ticket ? ", ticket announced" : ""));
        context.sendHandshake(CertificateMessage.encode12(CertificateMessage.encoded(config.certificateChain())));
        context.record(HandshakeEvent.CERTIFICATE_SENT, () -> CertificateMessage.describe(config.certificateChain()));

        KeyExchange mine = negotiation.group().generate(config.random());
        byte[] params = ServerKeyExchange.params(mine.group().code(), mine.publicKey());
        byte[] signed = ServerKeyExchange.signedContent(hello.random(), random, params);
        CertificateVerify signature = CertificateVerify.sign(negotiation.scheme(), config.key(), signed, config.random());
        context.sendHandshake(ServerKeyExchange.encode(params, signature.scheme(), signature.signature()));
        context.record(HandshakeEvent.SERVER_KEY_EXCHANGE_SENT, () -> mine.group().ianaName() + ", signed " + negotiation.scheme().ianaName());
        if (requestCertificate) {
            context.sendHandshake(CertificateRequest.encode12(config.signatureSchemes()));
            context.record(HandshakeEvent.CERTIFICATE_REQUEST_SENT, () -> config.signatureSchemes().size() + " signature schemes, " + config.clientAuthentication());
        }
        context.sendHandshake(HandshakeMessage.of(HandshakeType.SERVER_HELLO_DONE, new byte[0]));
        context.record(HandshakeEvent.SERVER_HELLO_DONE_SENT, () -> "");

        details.suite = negotiation.suite();
        details.group = mine.group();
        details.signatureScheme = negotiation.scheme();
        details.applicationProtocol = negotiation.applicationProtocol();
        details.extendedMasterSecret = true;
        Tls12Parameters parameters = new Tls12Parameters(negotiation.suite(), hello.random(), random, true, sessionId, ticket);
        return requestCertificate ? new ExpectClientCertificate12(details, parameters, mine) : new ExpectClientKeyExchange(details, parameters, mine, false);
    }

    /** A fresh server random, with the RFC 8446 §4.1.3 downgrade sentinel if we could have negotiated TLS 1.3. */
    static byte[] serverRandom(TlsServerConfig config) {
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        if (config.enabled(ProtocolVersion.TLS_1_3)) {
            ServerHello.markTls12Downgrade(random);
        }
        return random;
    }

    /**
     * RFC 5746 §3.6, RFC 7627 §5.1, RFC 8422 §5.2, RFC 7301 §3.1, RFC 5077 §3.2 (an empty session_ticket: a
     * NewSessionTicket will follow): each only as an answer to the client's.
     */
    static List<Extension> extensions(Tls12Negotiation negotiation, boolean ticket) {
        List<Extension> extensions = new ArrayList<>();
        if (negotiation.renegotiationInfo()) {
            extensions.add(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0}));
        }
        extensions.add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        if (negotiation.pointFormats()) {
            extensions.add(new Extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0}));
        }
        if (negotiation.applicationProtocol() != null) {
            extensions.add(alpn(negotiation.applicationProtocol()));
        }
        if (ticket) {
            extensions.add(new Extension(ExtensionType.SESSION_TICKET, new byte[0]));
        }
        return extensions;
    }

    /** The server's ALPN answer: a ProtocolNameList of exactly the selected protocol (RFC 7301 §3.1). */
    static Extension alpn(String protocol) {
        byte[] name = protocol.getBytes(StandardCharsets.US_ASCII);
        return new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, new ByteWriter().vector(2, w -> w.opaque(1, name)).toByteArray());
    }
}
