package io.tunstack.bench.tls;

import java.nio.ByteBuffer;

/** One side of a TLS connection as the in-memory {@link Pipe} drives it. */
interface Endpoint {
    /** Appends the bytes this side wants to send to {@code out} (in write mode); returns how many. */
    int produce(ByteBuffer out) throws Exception;

    /** Consumes what it can of {@code in} (in read mode) now; the rest stays for a later call. */
    void consume(ByteBuffer in) throws Exception;

    /** The handshake is complete on this side. */
    boolean handshakeDone();
}
