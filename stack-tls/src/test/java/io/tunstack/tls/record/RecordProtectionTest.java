package io.tunstack.tls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.AeadAlgorithm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Record protection in both versions: nonces, additional data, padding, limits and sequence numbers. */
class RecordProtectionTest {

    private static final byte[] KEY16 = new byte[16];
    private static final byte[] IV12 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    private static TlsCiphertext frame(byte[] record) {
        return new TlsCiphertext(ContentType.fromCode(record[0]), Arrays.copyOf(record, 5), Arrays.copyOfRange(record, 5, record.length));
    }

    private static byte[] seal(RecordProtection p, ContentType type, byte[] data) throws TlsException {
        byte[] record = new byte[p.recordLength(data.length)];
        assertEquals(record.length, p.seal(type, data, 0, data.length, record, 0));
        return record;
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tls13RoundTripHidesTheContentType(AeadAlgorithm aead) throws Exception {
        byte[] key = new byte[aead.keyLength()];
        Tls13RecordProtection writer = new Tls13RecordProtection(aead, key, IV12);
        Tls13RecordProtection reader = new Tls13RecordProtection(aead, key, IV12);
        for (int i = 0; i < 3; i++) {
            byte[] record = seal(writer, ContentType.HANDSHAKE, new byte[] {20, 0, 0, 1, (byte) i});
            assertEquals(ContentType.APPLICATION_DATA.code(), record[0], "outer type is application_data");
            assertEquals(5 + 5 + 1 + 16, record.length);
            TlsPlaintext plain = reader.open(frame(record));
            assertEquals(ContentType.HANDSHAKE, plain.type());
            assertArrayEquals(new byte[] {20, 0, 0, 1, (byte) i}, plain.copy());
        }
    }

    @Test
    void tls13StripsZeroPaddingAndRejectsAllZeroInnerPlaintext() throws Exception {
        Tls13RecordProtection reader = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12);
        TlsPlaintext plain = reader.open(frame(sealedAtSequenceZero(new byte[] {'h', 'i', 23, 0, 0, 0})));
        assertEquals(ContentType.APPLICATION_DATA, plain.type());
        assertArrayEquals(new byte[] {'h', 'i'}, plain.copy());

        Tls13RecordProtection fresh = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12);
        TlsException e = assertThrows(TlsException.class, () -> fresh.open(frame(sealedAtSequenceZero(new byte[4]))));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    /** A TLS 1.3 record built by hand around a given TLSInnerPlaintext, with nonce = IV (sequence 0). */
    private static byte[] sealedAtSequenceZero(byte[] innerPlaintext) throws Exception {
        int length = innerPlaintext.length + AeadAlgorithm.TAG_LENGTH;
        byte[] record = new byte[5 + length];
        byte[] header = {23, 3, 3, 0, (byte) length};
        System.arraycopy(header, 0, record, 0, 5);
        AeadAlgorithm.AES_128_GCM.newAead(KEY16).seal(IV12.clone(), header, innerPlaintext, 0, innerPlaintext.length, record, 5);
        return record;
    }

    @Test
    void tls13RejectsProtectedChangeCipherSpecAndWrongOuterType() throws Exception {
        Tls13RecordProtection writer = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12);
        Tls13RecordProtection reader = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12);
        byte[] record = seal(writer, ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, assertThrows(TlsException.class, () -> reader.open(frame(record))).alert());
        byte[] plainHandshake = {22, 3, 3, 0, 1, 5};
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                assertThrows(TlsException.class, () -> new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12)
                        .open(frame(plainHandshake))).alert());
    }

    @Test
    void tls13WrongSequenceNumberIsBadRecordMac() throws Exception {
        Tls13RecordProtection writer = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12);
        Tls13RecordProtection reader = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12);
        seal(writer, ContentType.APPLICATION_DATA, new byte[] {1});
        byte[] second = seal(writer, ContentType.APPLICATION_DATA, new byte[] {2});
        assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(TlsException.class, () -> reader.open(frame(second))).alert());
    }

    @Test
    void tls12GcmCarriesTheSequenceNumberAsExplicitNonce() throws Exception {
        byte[] salt = {9, 9, 9, 9};
        Tls12RecordProtection writer = new Tls12RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, salt);
        Tls12RecordProtection reader = new Tls12RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, salt);
        for (int seq = 0; seq < 3; seq++) {
            byte[] record = seal(writer, ContentType.APPLICATION_DATA, "data".getBytes());
            assertEquals(5 + 8 + 4 + 16, record.length);
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) seq}, Arrays.copyOfRange(record, 5, 13));
            assertArrayEquals("data".getBytes(), reader.open(frame(record)).copy());
        }
    }

    @Test
    void tls12AdditionalDataCoversTheRecordType() throws Exception {
        byte[] salt = {9, 9, 9, 9};
        Tls12RecordProtection writer = new Tls12RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, salt);
        Tls12RecordProtection reader = new Tls12RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, salt);
        byte[] record = seal(writer, ContentType.APPLICATION_DATA, "data".getBytes());
        record[0] = (byte) ContentType.HANDSHAKE.code();
        assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(TlsException.class, () -> reader.open(frame(record))).alert());
    }

    @Test
    void tls12ChaChaHasNoExplicitNonce() throws Exception {
        byte[] key = new byte[32];
        Tls12RecordProtection writer = new Tls12RecordProtection(AeadAlgorithm.CHACHA20_POLY1305, key, IV12);
        Tls12RecordProtection reader = new Tls12RecordProtection(AeadAlgorithm.CHACHA20_POLY1305, key, IV12);
        byte[] record = seal(writer, ContentType.APPLICATION_DATA, "data".getBytes());
        assertEquals(5 + 4 + 16, record.length);
        assertArrayEquals("data".getBytes(), reader.open(frame(record)).copy());
        assertEquals(12, Tls12RecordProtection.fixedIvLength(AeadAlgorithm.CHACHA20_POLY1305));
        assertEquals(4, Tls12RecordProtection.fixedIvLength(AeadAlgorithm.AES_256_GCM));
    }

    @Test
    void sequenceNumberNeverWraps() throws Exception {
        SequenceNumber nearEnd = new SequenceNumber(-3L);
        Tls13RecordProtection writer = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12, nearEnd);
        seal(writer, ContentType.APPLICATION_DATA, new byte[1]);
        seal(writer, ContentType.APPLICATION_DATA, new byte[1]);
        TlsException e = assertThrows(TlsException.class, () -> seal(writer, ContentType.APPLICATION_DATA, new byte[1]));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }

    @Test
    void aesGcmKeyIsExhaustedAfterItsRecordLimit() throws Exception {
        long limit = AeadAlgorithm.AES_128_GCM.recordLimit();
        Tls13RecordProtection writer = new Tls13RecordProtection(AeadAlgorithm.AES_128_GCM, KEY16, IV12, new SequenceNumber(limit - 1));
        assertFalse(writer.keyExhausted());
        seal(writer, ContentType.APPLICATION_DATA, new byte[1]);
        assertTrue(writer.keyExhausted());
        assertFalse(new Tls13RecordProtection(AeadAlgorithm.CHACHA20_POLY1305, new byte[32], IV12, new SequenceNumber(limit)).keyExhausted());
    }
}
