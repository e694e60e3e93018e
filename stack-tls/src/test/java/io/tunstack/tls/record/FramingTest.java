package io.tunstack.tls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.TlsException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Record framing, the plaintext limit, fragmentation on send, and handshake message reassembly. */
class FramingTest {

    @Test
    void deframerWaitsForCompleteRecordsAndSplitsCoalescedOnes() throws Exception {
        RecordDeframer deframer = new RecordDeframer();
        byte[] two = {22, 3, 3, 0, 2, 'a', 'b', 23, 3, 3, 0, 1, 'c'};
        deframer.append(ByteBuffer.wrap(two, 0, 6));
        assertNull(deframer.next(RecordLimits.MAX_PLAINTEXT));
        deframer.append(ByteBuffer.wrap(two, 6, two.length - 6));
        TlsCiphertext first = deframer.next(RecordLimits.MAX_PLAINTEXT);
        assertEquals(ContentType.HANDSHAKE, first.type());
        assertArrayEquals(new byte[] {'a', 'b'}, first.fragment());
        assertArrayEquals(new byte[] {'c'}, deframer.next(RecordLimits.MAX_PLAINTEXT).fragment());
        assertNull(deframer.next(RecordLimits.MAX_PLAINTEXT));
    }

    @Test
    void deframerRejectsUnknownTypesNonTlsAndOversizedRecords() {
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, failure(new byte[] {99, 3, 3, 0, 0}));
        assertEquals(AlertDescription.DECODE_ERROR, failure(new byte[] {22, 2, 0, 0, 0}));
        assertEquals(AlertDescription.RECORD_OVERFLOW, failure(new byte[] {23, 3, 3, 0x40, 0x01}));
    }

    private static AlertDescription failure(byte[] bytes) {
        RecordDeframer deframer = new RecordDeframer();
        deframer.append(ByteBuffer.wrap(bytes));
        return assertThrows(TlsException.class, () -> deframer.next(RecordLimits.MAX_PLAINTEXT)).alert();
    }

    @Test
    void recordLayerFragmentsAtTwoToTheFourteen() throws Exception {
        RecordLayer layer = new RecordLayer();
        byte[] big = new byte[RecordLimits.MAX_PLAINTEXT * 2 + 10];
        layer.send(ContentType.APPLICATION_DATA, big, 0, big.length);
        ByteQueue out = layer.output();
        assertEquals(3 * 5 + big.length, out.size());
        byte[] bytes = out.take(out.size());
        assertEquals(0x40, bytes[3]);
        assertEquals(0x00, bytes[4]);
        RecordLayer receiver = new RecordLayer();
        ByteBuffer received = ByteBuffer.wrap(bytes);
        int total = 0;
        TlsPlaintext p;
        while ((p = receiver.nextRecord(received)) != null) {
            total += p.length();
        }
        assertEquals(big.length, total);
    }

    @Test
    void reassemblerJoinsSplitMessagesAndSplitsCoalescedOnes() throws Exception {
        HandshakeReassembler r = new HandshakeReassembler();
        byte[] a = {2, 0, 0, 3, 'x', 'y', 'z'};
        byte[] b = {20, 0, 0, 1, 'f'};
        r.append(a, 0, 2);
        assertNull(r.next());
        assertTrue(r.hasPartialData());
        byte[] rest = Arrays.copyOfRange(a, 2, a.length);
        byte[] joined = new byte[rest.length + b.length];
        System.arraycopy(rest, 0, joined, 0, rest.length);
        System.arraycopy(b, 0, joined, rest.length, b.length);
        r.append(joined, 0, joined.length);
        assertArrayEquals(a, r.next());
        assertArrayEquals(b, r.next());
        assertNull(r.next());
        assertTrue(!r.hasPartialData());
    }

    @Test
    void reassemblerRefusesHugeMessages() {
        HandshakeReassembler r = new HandshakeReassembler();
        r.append(new byte[] {11, 0x7f, 0, 0}, 0, 4);
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsException.class, r::next).alert());
    }
}
