package io.tunstack.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Seeded pseudo-random payloads and their SHA-256, for end-to-end byte-exactness checks. */
public final class StreamCheck {
    private StreamCheck() {
    }

    /** Writes {@code length} seeded random bytes in chunks and returns their SHA-256 (hex). */
    public static String writeRandom(OutputStream out, long length, long seed, int chunk) throws IOException {
        MessageDigest sha = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[chunk];
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(chunk, left);
            for (int i = 0; i < n; i += 8) {
                long r = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    buffer[i + j] = (byte) (r >>> (8 * j));
                }
            }
            out.write(buffer, 0, n);
            sha.update(buffer, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Reads to end of stream; returns the byte count and SHA-256 (hex). */
    public static Digest readAll(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
            total += n;
        }
        return new Digest(total, HexFormat.of().formatHex(sha.digest()));
    }

    /** A byte count and the SHA-256 of those bytes. */
    public record Digest(long length, String sha256) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
