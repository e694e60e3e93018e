package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The server's ALPN answer (RFC 7301 §3.1): exactly one protocol, which must be one we offered. */
final class AlpnExtension {

    private AlpnExtension() {
    }

    /** @return the selected protocol, or null if the server sent no ALPN extension */
    static String selected(Extensions extensions, List<String> offered) throws TlsException {
        ByteReader r = extensions.reader(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (r == null) {
            return null;
        }
        ByteReader list = r.sub(2);
        r.expectEnd("ALPN extension");
        String protocol = new String(list.vector8(1), StandardCharsets.US_ASCII);
        if (list.hasRemaining()) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected more than one ALPN protocol");
        }
        if (!offered.contains(protocol)) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "server selected ALPN protocol we did not offer: " + protocol);
        }
        return protocol;
    }
}
