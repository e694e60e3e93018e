package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.RsaKeyTransport;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;

/**
 * TLS 1.2: waiting for ServerHelloDone, optionally preceded by a CertificateRequest. Then sends the
 * client flight (RFC 5246 §7.3): [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished.
 */
final class ExpectServerHelloDone extends Tls12HandshakeState {

    private static final int PRE_MASTER_SECRET_LENGTH = 48;

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    /** The ECDHE parameters, or null for static RSA. */
    private final ServerKeyExchange serverKeyExchange;
    /** The server's CertificateRequest, or null if none. */
    private final CertificateRequest certificateRequest;

    ExpectServerHelloDone(SessionDetails details, Tls12Parameters parameters, ServerKeyExchange serverKeyExchange,
            CertificateRequest certificateRequest) {
        this.details = details;
        this.parameters = parameters;
        this.serverKeyExchange = serverKeyExchange;
        this.certificateRequest = certificateRequest;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() == HandshakeType.CERTIFICATE_REQUEST && certificateRequest == null) {
            CertificateRequest request = CertificateRequest.decode12(message);
            context.transcript().add(message);
            context.record(HandshakeEvent.CERTIFICATE_REQUEST_RECEIVED, () -> request.describe());
            return new ExpectServerHelloDone(details, parameters, serverKeyExchange, request);
        }
        if (message.type() != HandshakeType.SERVER_HELLO_DONE) {
            throw message.unexpected("waiting for ServerHelloDone");
        }
        message.body().expectEnd("ServerHelloDone");
        context.transcript().add(message);
        context.record(HandshakeEvent.SERVER_HELLO_DONE_RECEIVED, () -> "");

        SignatureScheme clientScheme = certificateRequest == null ? null
                : ClientAuthentication.sendCertificate(context, certificateRequest, ProtocolVersion.TLS_1_2);
        byte[] preMasterSecret = serverKeyExchange == null ? sendRsaKeyExchange(context) : sendEcdheKeyExchange(context);
        Transcript transcript = context.transcript();
        // RFC 7627 §3: the session hash ends with the ClientKeyExchange, before any CertificateVerify.
        byte[] masterSecret = parameters.extendedMasterSecret()
                ? Tls12KeyDerivation.extendedMasterSecret(parameters.suite(), preMasterSecret, transcript.currentHash())
                : Tls12KeyDerivation.masterSecret(parameters.suite(), preMasterSecret, parameters.clientRandom(), parameters.serverRandom());
        if (clientScheme != null) {
            // RFC 5246 §7.4.8: the signature covers all handshake messages up to here.
            ClientAuthentication.sendCertificateVerify(context, clientScheme, transcript.messages());
        }
        Tls12KeyDerivation.RecordKeys keys = Tls12KeyDerivation.recordKeys(parameters.suite(), masterSecret,
                parameters.clientRandom(), parameters.serverRandom());

        Tls12Finished.send(context, parameters.suite(), masterSecret, keys.clientWrite(), true);
        return ExpectNewSessionTicket12.before(parameters, details,
                new ExpectChangeCipherSpec(parameters.suite(), keys.serverWrite(), new ExpectFinished12(details, parameters, masterSecret)));
    }

    private byte[] sendEcdheKeyExchange(HandshakeContext context) throws TlsException {
        NamedGroup group = NamedGroup.fromCode(serverKeyExchange.namedGroup());
        KeyExchange mine = group.generate(context.config().random());
        byte[] shared;
        try {
            shared = mine.sharedSecret(serverKeyExchange.publicKey());
        } catch (InvalidKeyException e) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "invalid server ECDHE public key: " + e.getMessage(), e);
        }
        context.sendHandshake(ClientKeyExchange.ecdhe(mine.publicKey()));
        context.record(HandshakeEvent.CLIENT_KEY_EXCHANGE_SENT, () -> group.ianaName() + " public key");
        return shared;
    }

    /** RFC 5246 §7.4.7.1: client_version (0x0303) || 46 random bytes, encrypted to the certificate's RSA key. */
    private byte[] sendRsaKeyExchange(HandshakeContext context) throws TlsException {
        SecureRandom random = context.config().random();
        byte[] preMasterSecret = new byte[PRE_MASTER_SECRET_LENGTH];
        random.nextBytes(preMasterSecret);
        preMasterSecret[0] = (byte) (ProtocolVersion.TLS_1_2.code() >>> 8);
        preMasterSecret[1] = (byte) ProtocolVersion.TLS_1_2.code();
        RSAPublicKey key = (RSAPublicKey) details.peerCertificates.get(0).getPublicKey();
        context.sendHandshake(ClientKeyExchange.rsa(RsaKeyTransport.encrypt(key, preMasterSecret, random)));
        context.record(HandshakeEvent.CLIENT_KEY_EXCHANGE_SENT, () -> "RSA-encrypted premaster secret");
        return preMasterSecret;
    }
}
