package io.tunstack.bench.tls;

import java.nio.ByteBuffer;

/** Moves bytes between a client and a server {@link Endpoint} in memory until both finished the handshake. */
final class Pipe {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_ROUNDS = 64;

    private final ByteBuffer toServer = ByteBuffer.allocate(BUFFER_SIZE);
    private final ByteBuffer toClient = ByteBuffer.allocate(BUFFER_SIZE);

    /** Runs the handshake; also delivers whatever either side sends right after it (e.g. session tickets). */
    void handshake(Endpoint client, Endpoint server) throws Exception {
        toServer.clear();
        toClient.clear();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = transfer(client, toServer, server) | transfer(server, toClient, client);
            if (!moved && client.handshakeDone() && server.handshakeDone()) {
                return;
            }
        }
        throw new IllegalStateException("handshake did not complete");
    }

    /** Appends what {@code from} sends to {@code buffer}, then lets {@code to} take what it can; true if bytes moved. */
    private static boolean transfer(Endpoint from, ByteBuffer buffer, Endpoint to) throws Exception {
        int produced = from.produce(buffer);
        buffer.flip();
        int pending = buffer.remaining();
        if (pending > 0) {
            to.consume(buffer);
        }
        boolean moved = produced > 0 || buffer.remaining() != pending;
        buffer.compact();
        return moved;
    }
}
