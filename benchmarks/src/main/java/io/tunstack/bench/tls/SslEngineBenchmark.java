package io.tunstack.bench.tls;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JSSE {@code SSLEngine} pair (SunJSSE or BCJSSE) handshaken in memory with TLS 1.3 and {@link #suite}:
 * {@link #seal} is the client's {@code wrap} of {@link #size} application bytes (one record), {@link #roundTrip}
 * adds the server's {@code unwrap} of that record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SslEngineBenchmark {
    @Param
    Jsse jsse;

    @Param
    RecordSuite suite;

    @Param({"1024", "16384"})
    int size;

    private EngineEndpoint client;
    private EngineEndpoint server;
    private ByteBuffer application;
    private ByteBuffer wire;
    private ByteBuffer received;

    @Setup
    public void setUp() throws Exception {
        Pki pki = new Pki(Pki.KeyType.ECDSA);
        client = EngineEndpoint.client(pki.clientContext(jsse), "TLSv1.3", suite.jsseName());
        server = EngineEndpoint.server(pki.serverContext(jsse), "TLSv1.3", suite.jsseName());
        new Pipe().handshake(client, server);
        byte[] plaintext = new byte[size];
        new Random(1).nextBytes(plaintext);
        application = ByteBuffer.wrap(plaintext);
        wire = ByteBuffer.allocate(client.engine.getSession().getPacketBufferSize());
        received = ByteBuffer.allocate(server.engine.getSession().getApplicationBufferSize());
    }

    @Benchmark
    public int seal() throws SSLException {
        application.clear();
        wire.clear();
        check(client.engine.wrap(application, wire));
        return wire.position();
    }

    @Benchmark
    public int roundTrip() throws SSLException {
        seal();
        wire.flip();
        received.clear();
        check(server.engine.unwrap(wire, received));
        return received.position();
    }

    private static void check(SSLEngineResult result) {
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException(result.toString());
        }
    }
}
