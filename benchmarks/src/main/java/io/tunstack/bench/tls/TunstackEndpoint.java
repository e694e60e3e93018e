package io.tunstack.bench.tls;

import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import java.nio.ByteBuffer;

/** Our sans-IO {@link TlsClient} as an {@link Endpoint}. */
final class ClientEndpoint implements Endpoint {
    final TlsClient client;

    ClientEndpoint(TlsConfig config) throws Exception {
        this.client = new TlsClient(config);
    }

    @Override
    public int produce(ByteBuffer out) {
        return client.drainOutput(out);
    }

    @Override
    public void consume(ByteBuffer in) throws Exception {
        // Takes everything: partial records wait inside the client.
        client.feed(in);
    }

    @Override
    public boolean handshakeDone() {
        TlsClient.Status status = client.status();
        if (status == TlsClient.Status.FAILED) {
            throw new IllegalStateException("handshake failed", client.failure());
        }
        return status == TlsClient.Status.CONNECTED;
    }
}
