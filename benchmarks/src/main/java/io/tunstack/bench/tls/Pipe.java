package io.tunstack.bench.tls;

import java.nio.ByteBuffer;

/** Moves bytes between a client and a server {@link Endpoint} in memory until both finished the handshake. */
final class Pipe {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_ROUNDS = 64;

    private final ByteBuffer toServer = ByteBuffer.allocate(BUFFER_SIZE);
    private final ByteBuffer toClient = ByteBuffer.allocate(BUFFER_SIZE);
    private long serverBytes;

    /** Runs the handshake; also delivers whatever either side sends right after it (e.g. session tickets). */
    void handshake(Endpoint client, Endpoint server) throws Exception {
        toServer.clear();
        toClient.clear();
        serverBytes = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int sent = client.produce(toServer);
            boolean moved = deliver(sent, toServer, server);
            int answered = server.produce(toClient);
            serverBytes += answered;
            moved |= deliver(answered, toClient, client);
            if (!moved && client.handshakeDone() && server.handshakeDone()) {
                return;
            }
        }
        throw new IllegalStateException("handshake did not complete");
    }

    /** What the server sent in the last handshake, tickets included (a resumed one sends no certificate). */
    long serverBytes() {
        return serverBytes;
    }

    /** Lets {@code to} take what it can of {@code buffer}; true if bytes were produced or taken. */
    private static boolean deliver(int produced, ByteBuffer buffer, Endpoint to) throws Exception {
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
