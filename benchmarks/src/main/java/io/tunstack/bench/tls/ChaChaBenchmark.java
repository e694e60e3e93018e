package io.tunstack.bench.tls;

import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ChaCha20-Poly1305 sealing of one record's bytes: the JDK's JCA cipher against Bouncy Castle's lightweight
 * {@link ChaCha20Poly1305} (no JCA layer). Intrinsics for ChaCha20 and Poly1305 arrived in JDK 20, so the answer
 * differs between JDK 17 and 25.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChaChaBenchmark {
    private static final int TAG_LENGTH = 16;

    @Param({"1024", "16384"})
    int size;

    private final byte[] nonce = new byte[12];
    private final byte[] additionalData = {23, 3, 3, 0, 0};
    private SecretKeySpec jdkKey;
    private KeyParameter bcKey;
    private Cipher jdk;
    private final ChaCha20Poly1305 bc = new ChaCha20Poly1305();
    private byte[] plaintext;
    private byte[] ciphertext;
    private long sequence;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Random random = new Random(1);
        byte[] key = new byte[32];
        random.nextBytes(key);
        jdkKey = new SecretKeySpec(key, "ChaCha20");
        bcKey = new KeyParameter(key);
        jdk = Cipher.getInstance("ChaCha20-Poly1305");
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        ciphertext = new byte[size + TAG_LENGTH];
    }

    @Benchmark
    public int jdkSeal() throws GeneralSecurityException {
        nextNonce();
        jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new IvParameterSpec(nonce));
        jdk.updateAAD(additionalData);
        return jdk.doFinal(plaintext, 0, size, ciphertext, 0);
    }

    @Benchmark
    public int bcSeal() throws InvalidCipherTextException {
        nextNonce();
        bc.init(true, new AEADParameters(bcKey, TAG_LENGTH * 8, nonce, additionalData));
        int n = bc.processBytes(plaintext, 0, size, ciphertext, 0);
        return n + bc.doFinal(ciphertext, n);
    }

    private void nextNonce() {
        long seq = sequence++;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (seq >>> (8 * i));
        }
    }
}
