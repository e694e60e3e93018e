package io.tunstack.interop;

import io.tunstack.core.lab.LabNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} on the namespace's gateway address, answering one client with its status
 * page ({@code -www}): the page reports the protocol and cipher the server negotiated. {@code -trace}
 * logs every handshake message the server sent and received.
 */
final class OpenSslServer {
    private OpenSslServer() {
    }

    /** Starts the server with {@code key} and extra s_server {@code options}; returns once it listens. */
    static NamespaceProcess start(LabNamespace lab, int port, InteropPki.ServerKey key, String... options) throws IOException {
        // stdbuf: s_server writes through stdio, which would block-buffer the pipe.
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", "openssl", "s_server",
                "-accept", InteropPki.GATEWAY_ADDRESS + ":" + port, "-naccept", "1", "-www", "-trace",
                "-cert", key.cert().toString(), "-key", key.key().toString()));
        command.addAll(List.of(options));
        return NamespaceProcess.start(lab, "openssl s_server", port, command);
    }
}
