package io.tunstack.bench.tls;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.AeadAlgorithm;
import io.tunstack.tls.record.ByteQueue;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.RecordLayer;
import io.tunstack.tls.record.Tls13RecordProtection;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Our TLS 1.3 record layer: {@code RecordLayer} with {@code Tls13RecordProtection}. {@link #seal} protects one
 * record of {@link #size} application bytes into the output queue; {@link #roundTrip} also opens it with a second
 * record layer, straight from the sender's output queue: like the other contenders (the raw cipher's ciphertext
 * array, SSLEngine's packet buffer), the protected bytes are opened where they were sealed, not copied in between.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordLayerBenchmark {
    @Param
    RecordSuite suite;

    @Param({"1024", "16384"})
    int size;

    private final RecordLayer writer = new RecordLayer();
    private final RecordLayer reader = new RecordLayer();
    private byte[] plaintext;
    private ByteBuffer wire;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        byte[] key = new byte[suite.aead().keyLength()];
        byte[] iv = new byte[AeadAlgorithm.NONCE_LENGTH];
        random.nextBytes(key);
        random.nextBytes(iv);
        writer.setWriter(new Tls13RecordProtection(suite.aead(), key, iv));
        reader.setReader(new Tls13RecordProtection(suite.aead(), key, iv));
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        wire = ByteBuffer.wrap(writer.output().array());
    }

    @Benchmark
    public int seal() throws TlsException {
        writer.send(ContentType.APPLICATION_DATA, plaintext, 0, size);
        ByteQueue output = writer.output();
        int n = output.size();
        output.skip(n);
        return n;
    }

    @Benchmark
    public int roundTrip() throws TlsException {
        writer.send(ContentType.APPLICATION_DATA, plaintext, 0, size);
        ByteQueue output = writer.output();
        if (wire.array() != output.array()) {
            wire = ByteBuffer.wrap(output.array());
        }
        int n = output.size();
        int at = output.consume(n);
        wire.limit(at + n).position(at);
        return reader.nextRecord(wire).length();
    }
}
