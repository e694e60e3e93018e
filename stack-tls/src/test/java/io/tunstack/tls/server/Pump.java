package io.tunstack.tls.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsConnection;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Moves bytes between two in-memory connections until neither has anything to send. */
final class Pump {

    private Pump() {
    }

    /**
     * Runs until quiet. A TlsException on either side stops the pumping after the failing side's
     * alert has been delivered to the other, and is rethrown.
     */
    static void run(TlsConnection a, TlsConnection b) throws TlsException {
        TlsException failure = null;
        while (a.pendingOutput() > 0 || b.pendingOutput() > 0) {
            try {
                move(a, b);
            } catch (TlsException e) {
                failure = failure == null ? e : failure;
            }
            try {
                move(b, a);
            } catch (TlsException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Moves everything {@code from} has to send into {@code to}, unless {@code to} has already failed. */
    static void move(TlsConnection from, TlsConnection to) throws TlsException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(1, from.pendingOutput()));
        from.drainOutput(buffer);
        buffer.flip();
        if (buffer.hasRemaining() && to.failure() == null) {
            to.feed(buffer);
        }
    }

    /** A handshake between new connections of the two configurations, which must both end up connected. */
    static TlsClient connect(TlsConfig clientConfig, TlsServerConfig serverConfig) throws Exception {
        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, client.status());
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        assertEquals(client.session().resumed(), server.session().resumed(), "both sides agree whether the session resumed");
        return client;
    }

    /** Everything readable on {@code c} as ASCII. */
    static String read(TlsConnection c) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(c.available());
        c.read(buffer);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    static void write(TlsConnection c, String text) throws TlsException {
        c.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
