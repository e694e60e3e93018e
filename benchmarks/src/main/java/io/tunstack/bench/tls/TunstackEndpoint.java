package io.tunstack.bench.tls;

import io.tunstack.tls.TlsConnection;
import java.nio.ByteBuffer;

/** Our sans-IO {@link TlsConnection}, a {@code TlsClient} or a {@code TlsServer}, as an {@link Endpoint}. */
final class TunstackEndpoint implements Endpoint {
    final TlsConnection connection;

    TunstackEndpoint(TlsConnection connection) {
        this.connection = connection;
    }

    @Override
    public int produce(ByteBuffer out) {
        return connection.drainOutput(out);
    }

    @Override
    public void consume(ByteBuffer in) throws Exception {
        // Takes everything: partial records wait inside the connection.
        connection.feed(in);
    }

    @Override
    public boolean handshakeDone() {
        TlsConnection.Status status = connection.status();
        if (status == TlsConnection.Status.FAILED) {
            throw new IllegalStateException("handshake failed", connection.failure());
        }
        return status == TlsConnection.Status.CONNECTED;
    }
}
