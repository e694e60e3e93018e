package io.tunstack.interop;

import io.tunstack.core.socket.TcpSocket;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.TlsStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Our TLS client over one tunstack TCP connection. */
final class TunTls implements AutoCloseable {
    private final TcpSocket socket;
    private final TlsStreams tls;

    TunTls(TcpSocket socket, TlsConfig config) throws IOException {
        this.socket = socket;
        this.tls = new TlsStreams(config, socket.getInputStream(), socket.getOutputStream());
    }

    TlsSession handshake() throws IOException {
        return tls.handshake();
    }

    TlsStreams streams() {
        return tls;
    }

    InputStream in() {
        return tls.getInputStream();
    }

    OutputStream out() {
        return tls.getOutputStream();
    }

    /** Sends {@code request} and reads the whole answer, up to the server's close_notify. */
    String exchange(String request) throws IOException {
        out().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return new String(in().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Sends close_notify (unless the connection failed) and closes the TCP connection. */
    @Override
    public void close() throws IOException {
        try {
            tls.close();
        } finally {
            socket.close();
        }
    }
}
