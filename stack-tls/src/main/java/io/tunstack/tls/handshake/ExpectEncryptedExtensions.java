package io.tunstack.tls.handshake;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.util.HashSet;
import java.util.Set;

/** TLS 1.3: waiting for EncryptedExtensions (RFC 8446 §4.3.1). */
final class ExpectEncryptedExtensions implements HandshakeState {

    /** Of the extensions we send, these may be answered in EncryptedExtensions (RFC 8446 §4.2 table). */
    private static final Set<Integer> ALLOWED = Set.of(ExtensionType.SERVER_NAME, ExtensionType.SUPPORTED_GROUPS,
            ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);

    private final SessionDetails details;
    private final Tls13Secrets secrets;

    ExpectEncryptedExtensions(SessionDetails details, Tls13Secrets secrets) {
        this.details = details;
        this.secrets = secrets;
    }

    @Override
    public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.ENCRYPTED_EXTENSIONS) {
            throw message.unexpected("waiting for EncryptedExtensions");
        }
        ByteReader body = message.body();
        Extensions extensions = Extensions.read(body);
        body.expectEnd("EncryptedExtensions");
        Set<Integer> allowed = new HashSet<>(ALLOWED);
        if (context.config().sniHostName() == null) {
            allowed.remove(ExtensionType.SERVER_NAME);
        }
        if (context.config().applicationProtocols().isEmpty()) {
            allowed.remove(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        }
        extensions.requireOnly(allowed, "EncryptedExtensions");
        byte[] serverName = extensions.get(ExtensionType.SERVER_NAME);
        if (serverName != null && serverName.length != 0) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "server_name acknowledgement must be empty (RFC 6066 §3)");
        }
        details.applicationProtocol = AlpnExtension.selected(extensions, context.config().applicationProtocols());
        context.transcript().add(message);
        context.record(HandshakeEvent.ENCRYPTED_EXTENSIONS_RECEIVED, () -> details.applicationProtocol == null ? "no ALPN" : "ALPN " + details.applicationProtocol);
        // RFC 8446 §2.2: a resumed handshake authenticates with the PSK, so Finished follows directly.
        return details.resumed ? new ExpectFinished(details, secrets, null) : new ExpectCertificate(details, secrets, null);
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext context) {
        return this;
    }
}
