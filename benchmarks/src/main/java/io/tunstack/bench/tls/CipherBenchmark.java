package io.tunstack.bench.tls;

import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The limit for any TLS 1.3 record layer on the JDK: the raw JCA {@link Cipher} sealing (and opening) the same bytes
 * with a fresh nonce and 5 bytes of additional data per record, array to array, nothing else. The same bytes are
 * the record's TLSInnerPlaintext (RFC 8446 §5.2): {@link #size} bytes of content and the content type byte, which
 * every TLS 1.3 record layer must encrypt (for ChaCha20-Poly1305 the odd length costs a few percent).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CipherBenchmark {
    private static final int TAG_LENGTH = 16;

    @Param
    RecordSuite suite;

    @Param({"1024", "16384"})
    int size;

    private final byte[] nonce = new byte[12];
    private final byte[] additionalData = {23, 3, 3, 0, 0};
    private SecretKeySpec key;
    private Cipher sealer;
    private Cipher opener;
    private byte[] plaintext;
    private byte[] ciphertext;
    private byte[] opened;
    private long sequence;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Random random = new Random(1);
        byte[] keyBytes = new byte[suite.aead().keyLength()];
        random.nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, suite.keyAlgorithm());
        sealer = Cipher.getInstance(suite.transformation());
        opener = Cipher.getInstance(suite.transformation());
        plaintext = new byte[size + 1];
        random.nextBytes(plaintext);
        plaintext[size] = 23; // application_data
        ciphertext = new byte[plaintext.length + TAG_LENGTH];
        opened = new byte[plaintext.length + TAG_LENGTH];
        int recordLength = ciphertext.length;
        additionalData[3] = (byte) (recordLength >>> 8);
        additionalData[4] = (byte) recordLength;
    }

    @Benchmark
    public int seal() throws GeneralSecurityException {
        long seq = sequence++;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (seq >>> (8 * i));
        }
        sealer.init(Cipher.ENCRYPT_MODE, key, suite.parameters(nonce));
        sealer.updateAAD(additionalData);
        return sealer.doFinal(plaintext, 0, plaintext.length, ciphertext, 0);
    }

    @Benchmark
    public int roundTrip() throws GeneralSecurityException {
        int sealed = seal();
        opener.init(Cipher.DECRYPT_MODE, key, suite.parameters(nonce));
        opener.updateAAD(additionalData);
        return opener.doFinal(ciphertext, 0, sealed, opened, 0);
    }
}
