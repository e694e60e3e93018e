package io.tunstack.tls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.AeadAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The receive path without copies: records framed where they lie in the caller's buffer, records split across
 * reads gathered, and protected records opened out of place, at every size up to the limit.
 */
class RecordReceiveTest {

    private static final byte[] IV12 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final byte[] THREE_RECORDS = {22, 3, 3, 0, 2, 'a', 'b', 23, 3, 3, 0, 3, 'c', 'd', 'e', 21, 3, 3, 0, 1, 'f'};

    @Test
    void completeRecordsAreFramedInTheCallersArray() throws Exception {
        byte[] array = new byte[3 + THREE_RECORDS.length];
        System.arraycopy(THREE_RECORDS, 0, array, 3, THREE_RECORDS.length);
        ByteBuffer received = ByteBuffer.wrap(array).position(3).slice();
        RecordDeframer deframer = new RecordDeframer();
        TlsCiphertext first = deframer.next(received, RecordLimits.MAX_PLAINTEXT);
        assertSame(array, first.data());
        assertEquals(3, first.offset());
        assertArrayEquals(new byte[] {'a', 'b'}, first.fragment());
        assertEquals(7, received.position());
        assertArrayEquals(new byte[] {'c', 'd', 'e'}, deframer.next(received, RecordLimits.MAX_PLAINTEXT).fragment());
        TlsCiphertext last = deframer.next(received, RecordLimits.MAX_PLAINTEXT);
        assertEquals(ContentType.ALERT, last.type());
        assertSame(array, last.data());
        assertNull(deframer.next(received, RecordLimits.MAX_PLAINTEXT));
        assertFalse(received.hasRemaining());
    }

    @Test
    void onlyTheRecordSplitAcrossReadsIsCopied() throws Exception {
        byte[] firstRead = Arrays.copyOfRange(THREE_RECORDS, 0, 9);
        byte[] secondRead = Arrays.copyOfRange(THREE_RECORDS, 9, THREE_RECORDS.length);
        RecordDeframer deframer = new RecordDeframer();
        ByteBuffer received = ByteBuffer.wrap(firstRead);
        assertSame(firstRead, deframer.next(received, RecordLimits.MAX_PLAINTEXT).data());
        assertNull(deframer.next(received, RecordLimits.MAX_PLAINTEXT));
        assertFalse(received.hasRemaining(), "the partial record is kept");
        received = ByteBuffer.wrap(secondRead);
        TlsCiphertext split = deframer.next(received, RecordLimits.MAX_PLAINTEXT);
        assertArrayEquals(new byte[] {'c', 'd', 'e'}, split.fragment());
        assertNotSame(secondRead, split.data());
        assertEquals(6, received.position(), "only the split record's bytes were taken");
        TlsCiphertext last = deframer.next(received, RecordLimits.MAX_PLAINTEXT);
        assertSame(secondRead, last.data());
        assertArrayEquals(new byte[] {'f'}, last.fragment());
        assertNull(deframer.next(received, RecordLimits.MAX_PLAINTEXT));
    }

    @Test
    void directBuffersAndEarlierAppendsAreGathered() throws Exception {
        RecordDeframer deframer = new RecordDeframer();
        deframer.append(ByteBuffer.wrap(THREE_RECORDS, 0, 3));
        ByteBuffer direct = ByteBuffer.allocateDirect(THREE_RECORDS.length - 3);
        direct.put(THREE_RECORDS, 3, THREE_RECORDS.length - 3).flip();
        assertArrayEquals(new byte[] {'a', 'b'}, deframer.next(direct, RecordLimits.MAX_PLAINTEXT).fragment());
        assertFalse(direct.hasRemaining());
        assertArrayEquals(new byte[] {'c', 'd', 'e'}, deframer.next(direct, RecordLimits.MAX_PLAINTEXT).fragment());
        assertArrayEquals(new byte[] {'f'}, deframer.next(RecordLimits.MAX_PLAINTEXT).fragment());
        assertNull(deframer.next(direct, RecordLimits.MAX_PLAINTEXT));
    }

    @Test
    void headersAreCheckedBeforeTheRecordIsComplete() {
        for (byte[] header : new byte[][] {{99, 3, 3, 0, 0}, {22, 2, 0, 0, 0}, {23, 3, 3, 0x40, 0x01}}) {
            RecordDeframer direct = new RecordDeframer();
            assertThrows(TlsException.class, () -> direct.next(ByteBuffer.wrap(header), RecordLimits.MAX_PLAINTEXT));
            RecordDeframer split = new RecordDeframer();
            assertThrows(TlsException.class, () -> {
                split.next(ByteBuffer.wrap(header, 0, 2), RecordLimits.MAX_PLAINTEXT);
                split.next(ByteBuffer.wrap(header, 2, 3), RecordLimits.MAX_PLAINTEXT);
            });
        }
    }

    /** Records of 1, 2^14 and 100 bytes, the largest split at every interesting point, in both TLS versions. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void protectedRecordsSurviveEverySplit(AeadAlgorithm aead) throws Exception {
        byte[][] contents = {random(1, 1), random(RecordLimits.MAX_PLAINTEXT, 2), random(100, 3)};
        for (boolean tls13 : new boolean[] {true, false}) {
            byte[] wire = sealAll(aead, tls13, contents);
            RecordProtection protection = protection(aead, tls13);
            int big = protection.recordLength(1);
            int bigEnd = big + protection.recordLength(RecordLimits.MAX_PLAINTEXT);
            for (int split : new int[] {0, 1, big + 1, big + 5, big + 6, (big + bigEnd) / 2, bigEnd - 1, bigEnd, wire.length}) {
                RecordLayer receiver = receiver(aead, tls13);
                ByteArrayOutputStream opened = new ByteArrayOutputStream();
                drain(receiver, ByteBuffer.wrap(wire, 0, split), opened);
                drain(receiver, ByteBuffer.wrap(Arrays.copyOfRange(wire, split, wire.length)), opened);
                assertArrayEquals(concat(contents), opened.toByteArray(), (tls13 ? "TLS 1.3" : "TLS 1.2") + " split at " + split);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tamperedTagOrCiphertextIsBadRecordMac(AeadAlgorithm aead) throws Exception {
        for (boolean tls13 : new boolean[] {true, false}) {
            byte[] wire = sealAll(aead, tls13, new byte[][] {random(RecordLimits.MAX_PLAINTEXT, 4)});
            for (int at : new int[] {wire.length - 1, wire.length / 2}) {
                byte[] tampered = wire.clone();
                tampered[at] ^= 1;
                TlsException e = assertThrows(TlsException.class, () -> receiver(aead, tls13).nextRecord(ByteBuffer.wrap(tampered)));
                assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
            }
        }
    }

    @Test
    void innerPlaintextBeyondTheLimitIsRecordOverflow() throws Exception {
        RecordProtection writer = protection(AeadAlgorithm.AES_128_GCM, true);
        byte[] content = new byte[RecordLimits.MAX_PLAINTEXT + 1];
        byte[] record = new byte[writer.recordLength(content.length)];
        writer.seal(ContentType.APPLICATION_DATA, content, 0, content.length, record, 0);
        RecordLayer receiver = receiver(AeadAlgorithm.AES_128_GCM, true);
        TlsException e = assertThrows(TlsException.class, () -> receiver.nextRecord(ByteBuffer.wrap(record)));
        assertEquals(AlertDescription.RECORD_OVERFLOW, e.alert());
    }

    private static byte[] sealAll(AeadAlgorithm aead, boolean tls13, byte[][] contents) throws TlsException {
        RecordLayer sender = new RecordLayer();
        sender.setWriter(protection(aead, tls13));
        for (byte[] content : contents) {
            sender.send(ContentType.APPLICATION_DATA, content, 0, content.length);
        }
        return sender.output().take(sender.output().size());
    }

    private static RecordLayer receiver(AeadAlgorithm aead, boolean tls13) {
        RecordLayer receiver = new RecordLayer();
        receiver.setReader(protection(aead, tls13));
        return receiver;
    }

    private static RecordProtection protection(AeadAlgorithm aead, boolean tls13) {
        byte[] key = new byte[aead.keyLength()];
        Arrays.fill(key, (byte) 7);
        return tls13 ? new Tls13RecordProtection(aead, key, IV12)
                : new Tls12RecordProtection(aead, key, Arrays.copyOf(IV12, Tls12RecordProtection.fixedIvLength(aead)));
    }

    private static void drain(RecordLayer receiver, ByteBuffer received, ByteArrayOutputStream opened) throws TlsException {
        TlsPlaintext record;
        while ((record = receiver.nextRecord(received)) != null) {
            assertEquals(ContentType.APPLICATION_DATA, record.type());
            opened.write(record.data(), record.offset(), record.length());
        }
        assertFalse(received.hasRemaining());
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[][] parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
