package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.ProtocolVersion;

/**
 * TLS 1.3: waiting for the server Finished (RFC 8446 §4.4.4). On success the client sends its
 * second flight (dummy change_cipher_spec; if a certificate was requested, Certificate and, unless it
 * is empty, CertificateVerify; Finished) and switches both directions to application traffic keys.
 */
final class ExpectFinished implements HandshakeState {

    private final SessionDetails details;
    private final Tls13Secrets secrets;
    /** The server's CertificateRequest, or null if none. */
    private final CertificateRequest certificateRequest;

    ExpectFinished(SessionDetails details, Tls13Secrets secrets, CertificateRequest certificateRequest) {
        this.details = details;
        this.secrets = secrets;
        this.certificateRequest = certificateRequest;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.FINISHED) {
            throw message.unexpected("waiting for Finished");
        }
        CipherSuite suite = secrets.suite();
        KeySchedule schedule = secrets.schedule();
        Transcript transcript = context.transcript();
        Finished.verify(suite.hash(), secrets.serverHandshakeSecret(), transcript.currentHash(), message);
        transcript.add(message);
        context.record(HandshakeEvent.SERVER_FINISHED_RECEIVED, () -> suite.hash().length() + " bytes verify_data, verified");

        schedule.deriveMasterSecret();
        byte[] serverFinishedHash = transcript.currentHash();
        byte[] clientApplicationSecret = schedule.clientApplicationTrafficSecret(serverFinishedHash);
        byte[] serverApplicationSecret = schedule.serverApplicationTrafficSecret(serverFinishedHash);
        context.setReadProtection(TrafficKeys.protection(suite.hash(), suite.aead(), serverApplicationSecret));

        context.sendMiddleboxChangeCipherSpecOnce();
        context.setWriteProtection(TrafficKeys.protection(suite.hash(), suite.aead(), secrets.clientHandshakeSecret()));
        if (certificateRequest != null) {
            authenticate(context);
        }
        context.sendHandshake(Finished.create(suite.hash(), secrets.clientHandshakeSecret(), transcript.currentHash()));
        context.record(HandshakeEvent.CLIENT_FINISHED_SENT, () -> suite.hash().length() + " bytes verify_data");
        context.setWriteProtection(TrafficKeys.protection(suite.hash(), suite.aead(), clientApplicationSecret));

        byte[] resumptionMasterSecret = schedule.resumptionMasterSecret(transcript.currentHash());
        context.complete(details.toSession(context.timeline()));
        return new Connected(suite, clientApplicationSecret, serverApplicationSecret, resumptionMasterSecret);
    }

    /** RFC 8446 §4.4.2, §4.4.3: Certificate, then CertificateVerify over the transcript through it. */
    private void authenticate(HandshakeContext context) throws TlsException {
        SignatureScheme scheme = ClientAuthentication.sendCertificate(context, certificateRequest, ProtocolVersion.TLS_1_3);
        if (scheme != null) {
            byte[] content = CertificateVerify.tls13Content(CertificateVerify.CLIENT_CONTEXT, context.transcript().currentHash());
            ClientAuthentication.sendCertificateVerify(context, scheme, content);
        }
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) {
        return this;
    }
}
