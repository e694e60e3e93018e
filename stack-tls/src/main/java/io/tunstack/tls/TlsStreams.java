package io.tunstack.tls;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Blocking adapter: runs a {@link TlsClient} or {@link TlsServer} over any transport given as an InputStream/OutputStream
 * pair (a JDK Socket, an in-memory pipe, a userspace TCP connection). One thread may read while
 * another writes.
 */
public final class TlsStreams implements Closeable {

    private final TlsConnection connection;
    private final InputStream transportIn;
    private final OutputStream transportOut;
    private final byte[] receiveBuffer = new byte[32 * 1024];
    private final byte[] sendBuffer = new byte[32 * 1024];
    private final InputStream plaintextIn = new PlaintextInput();
    private final OutputStream plaintextOut = new PlaintextOutput();

    public TlsStreams(TlsConfig config, InputStream transportIn, OutputStream transportOut) throws TlsException {
        this(new TlsClient(config), transportIn, transportOut);
    }

    /** Runs {@code connection}, client or server, over the transport. */
    public TlsStreams(TlsConnection connection, InputStream transportIn, OutputStream transportOut) {
        this.connection = connection;
        this.transportIn = transportIn;
        this.transportOut = transportOut;
    }

    /** The connection, client or server. */
    public TlsConnection connection() {
        return connection;
    }

    /** The connection as a client; only for streams made with a {@link TlsConfig} or a {@link TlsClient}. */
    public TlsClient client() {
        if (!(connection instanceof TlsClient tlsClient)) {
            throw new IllegalStateException("these streams run a TLS server");
        }
        return tlsClient;
    }

    /** Runs the handshake to completion; returns what was negotiated. */
    public TlsSession handshake() throws IOException {
        sendPending();
        while (connection.status() == TlsConnection.Status.HANDSHAKING) {
            if (!receive()) {
                throw new EOFException("transport closed during the TLS handshake");
            }
        }
        TlsSession session = connection.session();
        if (session == null) {
            throw connection.failure() != null ? connection.failure() : new EOFException("connection closed during the TLS handshake");
        }
        return session;
    }

    /** Decrypted application data; read returns -1 after close_notify and throws EOFException on truncation. */
    public InputStream getInputStream() {
        return plaintextIn;
    }

    /** Application data to protect; each write is sent at once. */
    public OutputStream getOutputStream() {
        return plaintextOut;
    }

    /** Sends close_notify and closes the transport. */
    @Override
    public void close() throws IOException {
        try {
            synchronized (connection) {
                connection.close();
                sendPending();
            }
        } finally {
            try {
                transportOut.close();
            } finally {
                transportIn.close();
            }
        }
    }

    /** Reads once from the transport and feeds the connection; returns false at end of stream. */
    private boolean receive() throws IOException {
        int n = transportIn.read(receiveBuffer);
        synchronized (connection) {
            if (n < 0) {
                connection.feedEndOfStream();
                return false;
            }
            try {
                connection.feed(ByteBuffer.wrap(receiveBuffer, 0, n));
            } finally {
                sendPendingQuietlyOnFailure();
            }
        }
        return true;
    }

    private void sendPendingQuietlyOnFailure() throws IOException {
        if (connection.status() != TlsConnection.Status.FAILED) {
            sendPending();
            return;
        }
        try {
            sendPending();
        } catch (IOException ignored) {
            // The alert is best effort; the TLS failure is what gets reported.
        }
    }

    private void sendPending() throws IOException {
        synchronized (connection) {
            while (connection.pendingOutput() > 0) {
                int n = connection.drainOutput(ByteBuffer.wrap(sendBuffer));
                transportOut.write(sendBuffer, 0, n);
            }
            transportOut.flush();
        }
    }

    private final class PlaintextInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                int n;
                synchronized (connection) {
                    n = connection.read(ByteBuffer.wrap(b, off, len));
                }
                if (n != 0) {
                    return n;
                }
                receive();
            }
        }

        @Override
        public int available() {
            synchronized (connection) {
                return connection.available();
            }
        }
    }

    private final class PlaintextOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (connection) {
                connection.write(ByteBuffer.wrap(b, off, len));
                sendPending();
            }
        }
    }
}
