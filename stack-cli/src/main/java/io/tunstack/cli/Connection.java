package io.tunstack.cli;

import io.tunstack.core.socket.TcpSocket;
import io.tunstack.core.tcp.TcpStats;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.TlsStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An open client connection: tunstack TCP, with our TLS on top for https ({@code tls} null for http). */
final class Connection implements AutoCloseable {
    private final TcpSocket socket;
    private final TlsStreams tls;
    private final TlsSession session;

    Connection(TcpSocket socket, TlsStreams tls, TlsSession session) {
        this.socket = socket;
        this.tls = tls;
        this.session = session;
    }

    InputStream in() {
        return tls == null ? socket.getInputStream() : tls.getInputStream();
    }

    OutputStream out() {
        return tls == null ? socket.getOutputStream() : tls.getOutputStream();
    }

    /** What TLS negotiated, or null for plain TCP. */
    TlsSession tlsSession() {
        return session;
    }

    TcpStats tcpStats() throws IOException {
        return socket.stats();
    }

    /** Sends close_notify (https) and closes TCP with a FIN. */
    @Override
    public void close() throws IOException {
        try {
            if (tls != null) {
                tls.close();
            }
        } finally {
            socket.close();
        }
    }
}
