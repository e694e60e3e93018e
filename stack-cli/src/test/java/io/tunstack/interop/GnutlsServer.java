package io.tunstack.interop;

import io.tunstack.core.lab.LabNamespace;
import java.io.IOException;
import java.util.List;

/**
 * {@code gnutls-serv --http} in the namespace. It cannot bind one address, so it listens on all of
 * them, which inside the lab namespace means the TUN's gateway address. Its status page and its log
 * ("- Version: ...", "- Cipher: ...") both report what was negotiated.
 */
final class GnutlsServer {
    private GnutlsServer() {
    }

    /** Starts the server with {@code key}, restricted by a GnuTLS {@code priority} string; returns once it listens. */
    static NamespaceProcess start(LabNamespace lab, int port, InteropPki.ServerKey key, String priority) throws IOException {
        return NamespaceProcess.start(lab, "gnutls-serv", port, List.of("stdbuf", "-oL", "gnutls-serv", "--http",
                "-p", Integer.toString(port), "--x509certfile", key.cert().toString(),
                "--x509keyfile", key.key().toString(), "--priority=" + priority));
    }
}
