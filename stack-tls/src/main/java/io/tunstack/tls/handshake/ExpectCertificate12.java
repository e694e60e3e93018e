package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite.KeyExchangeAlgorithm;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.cert.KeyExchangeKind;
import io.tunstack.tls.record.AlertDescription;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** TLS 1.2: waiting for the server Certificate (RFC 5246 §7.4.2). */
final class ExpectCertificate12 extends Tls12HandshakeState {

    private final SessionDetails details;
    private final Tls12Parameters parameters;

    ExpectCertificate12(SessionDetails details, Tls12Parameters parameters) {
        this.details = details;
        this.parameters = parameters;
    }

    @Override
    HandshakeState handleMessage(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE) {
            throw message.unexpected("waiting for Certificate");
        }
        List<X509Certificate> chain = CertificateMessage.decode12(message).x509Chain();
        KeyExchangeAlgorithm kx = parameters.suite().keyExchange();
        ServerAuthentication.verifyChain(context, chain,
                kx == KeyExchangeAlgorithm.RSA ? KeyExchangeKind.RSA_KEY_TRANSPORT : KeyExchangeKind.SIGNATURE);
        PublicKey key = chain.get(0).getPublicKey();
        String expectedKey = kx == KeyExchangeAlgorithm.ECDHE_ECDSA ? "EC" : "RSA";
        boolean keyFits = expectedKey.equals(key.getAlgorithm())
                || (kx == KeyExchangeAlgorithm.ECDHE_ECDSA && ("EdDSA".equals(key.getAlgorithm()) || "Ed25519".equals(key.getAlgorithm())));
        if (!keyFits) {
            throw new TlsException(AlertDescription.UNSUPPORTED_CERTIFICATE,
                    "a " + key.getAlgorithm() + " certificate cannot be used with " + parameters.suite());
        }
        details.peerCertificates = List.copyOf(chain);
        context.transcript().add(message);
        if (kx == KeyExchangeAlgorithm.RSA) {
            return new ExpectServerHelloDone(details, parameters, null, null);
        }
        return new ExpectServerKeyExchange(details, parameters);
    }
}
