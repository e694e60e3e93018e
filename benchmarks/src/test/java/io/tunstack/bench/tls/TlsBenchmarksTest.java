package io.tunstack.bench.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.record.ProtocolVersion;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The TLS benchmarks' set-ups and operations, once each: every handshake kind for every implementation (whose
 * set-up checks that a resumed kind resumes and a full one does not), and every record contender on every suite,
 * which must hand back the bytes it was given.
 */
class TlsBenchmarksTest {
    private static final int SIZE = 1024;

    @ParameterizedTest
    @EnumSource(HandshakeBenchmark.Kind.class)
    void everyImplementationCompletesEachHandshakeKind(HandshakeBenchmark.Kind kind) throws Exception {
        for (HandshakeBenchmark.Implementation client : HandshakeBenchmark.Implementation.values()) {
            HandshakeBenchmark benchmark = new HandshakeBenchmark();
            benchmark.kind = kind;
            benchmark.client = client;
            if (kind.resumed && kind.version == ProtocolVersion.TLS_1_3 && client == HandshakeBenchmark.Implementation.BCJSSE) {
                assertThrows(UnsupportedOperationException.class, benchmark::setUp, "BCJSSE has no TLS 1.3 resumption");
                continue;
            }
            benchmark.setUp();
            assertNotNull(benchmark.handshake(), kind + " " + client);
        }
    }

    @ParameterizedTest
    @EnumSource(RecordSuite.class)
    void everyRecordContenderOpensWhatItSealed(RecordSuite suite) throws Exception {
        RecordLayerBenchmark ours = new RecordLayerBenchmark();
        ours.suite = suite;
        ours.size = SIZE;
        ours.setUp();
        assertEquals(SIZE, ours.roundTrip());
        assertEquals(5 + SIZE + 1 + 16, ours.seal(), "record header, content, content type, tag");

        CipherBenchmark cipher = new CipherBenchmark();
        cipher.suite = suite;
        cipher.size = SIZE;
        cipher.setUp();
        assertEquals(SIZE + 1, cipher.roundTrip(), "the TLSInnerPlaintext");

        for (Jsse jsse : Jsse.values()) {
            SslEngineBenchmark engine = new SslEngineBenchmark();
            engine.jsse = jsse;
            engine.suite = suite;
            engine.size = SIZE;
            engine.setUp();
            assertEquals(SIZE, engine.roundTrip(), jsse.toString());
        }
    }

    @Test
    void chachaImplementationsSealTheSameLength() throws Exception {
        ChaChaBenchmark chacha = new ChaChaBenchmark();
        chacha.size = SIZE;
        chacha.setUp();
        assertEquals(chacha.jdkSeal(), chacha.bcSeal());
    }

    @Test
    void everyPublicKeyOperationRuns() throws Exception {
        PublicKeyBenchmark benchmark = new PublicKeyBenchmark();
        benchmark.setUp();
        for (Method method : PublicKeyBenchmark.class.getMethods()) {
            if (method.isAnnotationPresent(Benchmark.class)) {
                assertNotNull(method.invoke(benchmark), method.getName());
            }
        }
    }
}
