package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.record.AlertDescription;
import java.security.InvalidKeyException;

/**
 * TLS 1.2 server: waiting for the client's ECDHE ClientKeyExchange (RFC 8422 §5.7); then the
 * extended master secret over the session hash through it (RFC 7627 §4: before any CertificateVerify)
 * and the key block.
 */
final class ExpectClientKeyExchange implements ServerHandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;
    private final KeyExchange mine;
    /** Whether the client sent a certificate, so that its CertificateVerify follows the ClientKeyExchange. */
    private final boolean clientCertificate;

    ExpectClientKeyExchange(SessionDetails details, Tls12Parameters parameters, KeyExchange mine, boolean clientCertificate) {
        this.details = details;
        this.parameters = parameters;
        this.mine = mine;
        this.clientCertificate = clientCertificate;
    }

    @Override
    public ServerHandshakeState handle(ServerContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CLIENT_KEY_EXCHANGE) {
            throw message.unexpected("waiting for ClientKeyExchange");
        }
        byte[] preMasterSecret;
        try {
            preMasterSecret = mine.sharedSecret(ClientKeyExchange.decodeEcdhe(message));
        } catch (InvalidKeyException e) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "invalid client ECDHE public key: " + e.getMessage(), e);
        }
        context.transcript().add(message);
        context.record(HandshakeEvent.CLIENT_KEY_EXCHANGE_RECEIVED, () -> mine.group().ianaName() + " public key");
        byte[] masterSecret = Tls12KeyDerivation.extendedMasterSecret(parameters.suite(), preMasterSecret, context.transcript().currentHash());
        Tls12KeyDerivation.RecordKeys keys = Tls12KeyDerivation.recordKeys(parameters.suite(), masterSecret,
                parameters.clientRandom(), parameters.serverRandom());
        ExpectClientChangeCipherSpec next = new ExpectClientChangeCipherSpec(parameters.suite(), keys.clientWrite(),
                new ExpectClientFinished12(details, parameters, masterSecret, keys));
        return clientCertificate ? new ExpectClientCertificateVerify12(details, next) : next;
    }

    @Override
    public ServerHandshakeState handleChangeCipherSpec(ServerContext context) throws TlsException {
        throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "change_cipher_spec before ClientKeyExchange");
    }
}
