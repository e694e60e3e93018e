package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's first flight in TLS 1.3 (RFC 8446 §2): ServerHello, then under the handshake keys
 * EncryptedExtensions, optionally CertificateRequest, Certificate, CertificateVerify and Finished;
 * afterwards the server writes with its application traffic key.
 */
final class ServerFlight {

    private ServerFlight() {
    }

    /** @param resumption the ticket accepted for psk_dhe_ke, or null for a full handshake with certificates */
    static ServerHandshakeState send(ServerContext context, ClientHelloOffer hello, ServerNegotiation negotiation,
            ServerResumption.Accepted resumption, SessionDetails details) throws TlsException {
        TlsServerConfig config = context.config();
        CipherSuite suite = negotiation.suite();
        KeyExchange mine = negotiation.group().generate(config.random());
        byte[] shared;
        try {
            shared = mine.sharedSecret(negotiation.clientShare());
        } catch (InvalidKeyException e) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "invalid client key share: " + e.getMessage(), e);
        }
        byte[] random = new byte[32];
        config.random().nextBytes(random);
        // key_share before supported_versions, as in the RFC 8448 traces.
        List<Extension> extensions = new ArrayList<>(List.of(
                new Extension(ExtensionType.KEY_SHARE, new ByteWriter().u16(mine.group().code()).opaque(2, mine.publicKey()).toByteArray()),
                selectedVersion()));
        if (resumption != null) {
            extensions.add(PreSharedKeyExtension.selected(resumption.index()));
        }
        context.sendHandshake(ServerHello.encode(random, hello.legacySessionId(), suite.code(), extensions));
        context.record(HandshakeEvent.SERVER_HELLO_SENT, () -> ProtocolVersion.TLS_1_3 + ", " + suite + ", " + mine.group().ianaName()
                + (resumption == null ? "" : ", ticket accepted"));
        sendMiddleboxChangeCipherSpec(context, hello);

        Transcript transcript = context.transcript();
        KeySchedule schedule = resumption == null ? new KeySchedule(suite.hash()) : resumption.schedule();
        schedule.inputSharedSecret(shared);
        byte[] helloHash = transcript.currentHash();
        Tls13Secrets secrets = new Tls13Secrets(suite, schedule,
                schedule.clientHandshakeTrafficSecret(helloHash), schedule.serverHandshakeTrafficSecret(helloHash));
        context.setReadProtection(TrafficKeys.protection(suite.hash(), suite.aead(), secrets.clientHandshakeSecret()));
        context.setWriteProtection(TrafficKeys.protection(suite.hash(), suite.aead(), secrets.serverHandshakeSecret()));

        sendEncryptedExtensions(context, negotiation.applicationProtocol());
        // RFC 8446 §2.2, §4.3.2: a resumed handshake authenticates with the PSK: no certificates either way.
        boolean requestCertificate = resumption == null && config.clientAuthentication() != TlsServerConfig.ClientAuthentication.NONE;
        if (requestCertificate) {
            List<SignatureScheme> schemes = config.signatureSchemes().stream()
                    .filter(SignatureScheme::allowedInTls13Handshake).toList();
            context.sendHandshake(CertificateRequest.encode13(schemes));
            context.record(HandshakeEvent.CERTIFICATE_REQUEST_SENT, () -> schemes.size() + " signature schemes, " + config.clientAuthentication());
        }
        if (resumption == null) {
            authenticate(context, negotiation.scheme());
            details.signatureScheme = negotiation.scheme();
        }
        details.resumed = resumption != null;
        context.sendHandshake(Finished.create(suite.hash(), secrets.serverHandshakeSecret(), transcript.currentHash()));
        context.record(HandshakeEvent.SERVER_FINISHED_SENT, () -> suite.hash().length() + " bytes verify_data");

        schedule.deriveMasterSecret();
        byte[] serverFinishedHash = transcript.currentHash();
        ServerSecrets next = new ServerSecrets(secrets, schedule.clientApplicationTrafficSecret(serverFinishedHash),
                schedule.serverApplicationTrafficSecret(serverFinishedHash));
        context.setWriteProtection(TrafficKeys.protection(suite.hash(), suite.aead(), next.serverApplicationSecret()));
        details.suite = suite;
        details.group = mine.group();
        details.applicationProtocol = negotiation.applicationProtocol();
        details.extendedMasterSecret = true;
        return requestCertificate ? new ExpectClientCertificate(details, next) : new ExpectClientFinished(details, next);
    }

    /** Certificate and CertificateVerify over the transcript through it (RFC 8446 §4.4.2-4.4.3). */
    private static void authenticate(ServerContext context, SignatureScheme scheme) throws TlsException {
        TlsServerConfig config = context.config();
        context.sendHandshake(CertificateMessage.encode13(new byte[0], CertificateMessage.encoded(config.certificateChain())));
        context.record(HandshakeEvent.CERTIFICATE_SENT, () -> CertificateMessage.describe(config.certificateChain()));
        byte[] signed = CertificateVerify.tls13Content(CertificateVerify.SERVER_CONTEXT, context.transcript().currentHash());
        context.sendHandshake(CertificateVerify.sign(scheme, config.key(), signed, config.random()).encode());
        context.record(HandshakeEvent.CERTIFICATE_VERIFY_SENT, () -> scheme.ianaName());
    }

    /** supported_versions in a ServerHello or HelloRetryRequest: TLS 1.3 (RFC 8446 §4.2.1). */
    static Extension selectedVersion() {
        return new Extension(ExtensionType.SUPPORTED_VERSIONS, new ByteWriter().u16(ProtocolVersion.TLS_1_3.code()).toByteArray());
    }

    /**
     * RFC 8446 §D.4: in middlebox compatibility mode, which a client asks for with a non-empty
     * legacy_session_id, the server sends a dummy change_cipher_spec right after its first handshake message.
     */
    static void sendMiddleboxChangeCipherSpec(ServerContext context, ClientHelloOffer hello) throws TlsException {
        if (hello.legacySessionId().length > 0) {
            context.sendMiddleboxChangeCipherSpecOnce();
        }
    }

    /** EncryptedExtensions (RFC 8446 §4.3.1): the selected ALPN protocol, if any (RFC 7301 §3.1). */
    private static void sendEncryptedExtensions(ServerContext context, String applicationProtocol) throws TlsException {
        List<Extension> extensions = new ArrayList<>();
        if (applicationProtocol != null) {
            extensions.add(Tls12ServerFlight.alpn(applicationProtocol));
        }
        context.sendHandshake(HandshakeMessage.of(HandshakeType.ENCRYPTED_EXTENSIONS, new ByteWriter().extensions(extensions).toByteArray()));
        context.record(HandshakeEvent.ENCRYPTED_EXTENSIONS_SENT, () -> applicationProtocol == null ? "no ALPN" : "ALPN " + applicationProtocol);
    }
}
