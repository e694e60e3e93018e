package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite.KeyExchangeAlgorithm;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;

/** TLS 1.2 ECDHE: waiting for ServerKeyExchange and checking its signature (RFC 8422 §5.4, RFC 5246 §7.4.3). */
final class ExpectServerKeyExchange extends Tls12HandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;

    ExpectServerKeyExchange(SessionDetails details, Tls12Parameters parameters) {
        this.details = details;
        this.parameters = parameters;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.SERVER_KEY_EXCHANGE) {
            throw message.unexpected("waiting for ServerKeyExchange");
        }
        ServerKeyExchange exchange = ServerKeyExchange.decode(message);
        NamedGroup group = NamedGroup.fromCode(exchange.namedGroup());
        if (group == null || !context.config().groups().contains(group)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, String.format("server chose group 0x%04x we did not offer", exchange.namedGroup()));
        }
        SignatureScheme scheme = ServerAuthentication.offeredScheme(context, exchange.signatureScheme());
        boolean ecdsaSuite = parameters.suite().keyExchange() == KeyExchangeAlgorithm.ECDHE_ECDSA;
        if (ecdsaSuite == "RSA".equals(scheme.keyAlgorithm())) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, scheme.ianaName() + " does not fit " + parameters.suite());
        }
        byte[] signed = ServerKeyExchange.signedContent(parameters.clientRandom(), parameters.serverRandom(), exchange.params());
        ServerAuthentication.verifySignature(scheme, details.peerCertificates.get(0).getPublicKey(), signed, exchange.signature());
        details.group = group;
        details.signatureScheme = scheme;
        context.transcript().add(message);
        context.record(HandshakeEvent.SERVER_KEY_EXCHANGE_RECEIVED, () -> group.ianaName() + ", signed " + scheme.ianaName());
        return new ExpectServerHelloDone(details, parameters, exchange, null);
    }
}
