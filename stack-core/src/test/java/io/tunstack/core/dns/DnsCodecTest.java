package io.tunstack.core.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.Ipv4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsCodecTest {
    private static final int A_198_18_0_1 = Ipv4Address.parse("198.18.0.1");

    private static byte[] encode(DnsMessage message) {
        ByteBuf out = Unpooled.buffer();
        DnsCodec.encode(message, out);
        return ByteBufUtil.getBytes(out);
    }

    private static DnsMessage decode(byte[] bytes) throws DnsFormatException {
        return DnsCodec.decode(Unpooled.wrappedBuffer(bytes));
    }

    private static String rejection(byte[] bytes) {
        return assertThrows(DnsFormatException.class, () -> decode(bytes)).getMessage();
    }

    private static Inet6Address ipv6(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }

    /** A response header: ID 0x1234, QR RD RA, the given counts. */
    private static Bytes header(int questions, int answers) {
        return new Bytes().u16(0x1234).u16(0x8180).u16(questions).u16(answers).u16(0).u16(0);
    }

    @Test
    void encodesAQueryByteForByte() throws DnsFormatException {
        byte[] wire = encode(DnsMessage.query(0xBEEF, "example.test", DnsType.A));

        byte[] expected = new Bytes().u16(0xBEEF).u16(0x0100).u16(1).u16(0).u16(0).u16(0)
                .label("example").label("test").u8(0).u16(1).u16(1).array();
        assertArrayEquals(expected, wire);
        DnsMessage decoded = decode(wire);
        assertEquals(DnsMessage.query(0xBEEF, "example.test", DnsType.A), decoded);
        assertEquals(false, decoded.isResponse());
    }

    @Test
    void roundTripsAResponseAndCompressesRepeatedNames() throws Exception {
        DnsMessage response = new DnsMessage(0x1234, DnsMessage.FLAG_QR | DnsMessage.FLAG_RD | DnsMessage.FLAG_RA,
                List.of(new DnsQuestion("www.example.test", DnsType.A, DnsType.CLASS_IN)),
                List.of(new DnsRecord("www.example.test", DnsType.CLASS_IN, 300,
                                new DnsRData.Cname("example.test")),
                        new DnsRecord("example.test", DnsType.CLASS_IN, 60, new DnsRData.A(A_198_18_0_1)),
                        new DnsRecord("example.test", DnsType.CLASS_IN, 60, new DnsRData.Aaaa(ipv6("2001:db8::1")))),
                List.of(),
                List.of(new DnsRecord("ns.example.test", DnsType.CLASS_IN, 1, new DnsRData.A(0x0A000001))));

        byte[] wire = encode(response);

        assertEquals(response, decode(wire));
        // the question name is written once (18 bytes); every later occurrence and suffix is a 2-byte pointer
        // or a label plus a pointer: 12 + 22 + (2+10+2) + (2+10+4) + (2+10+16) + (5+10+4) = 111
        assertEquals(111, wire.length);
        assertEquals(0xC0, wire[12 + 22] & 0xFF, "the answer's owner points to the question name");
    }

    @Test
    void compressesNamesCaseInsensitively() throws DnsFormatException {
        DnsMessage message = new DnsMessage(1, DnsMessage.FLAG_QR,
                List.of(new DnsQuestion("Example.TEST", DnsType.A, DnsType.CLASS_IN)),
                List.of(new DnsRecord("example.test", DnsType.CLASS_IN, 5, new DnsRData.A(1))),
                List.of(), List.of());
        byte[] wire = encode(message);
        assertEquals(12 + 18 + 2 + 10 + 4, wire.length);
        assertEquals("Example.TEST", decode(wire).answers().get(0).name(), "the pointer leads to the first spelling");
    }

    @Test
    void skipsRecordsOfOtherTypesByRdlength() throws DnsFormatException {
        byte[] wire = header(0, 3)
                .label("a").u8(0).u16(DnsType.A).u16(1).u32(10).u16(4).u32(A_198_18_0_1)
                .label("a").u8(0).u16(15).u16(1).u32(10).u16(7).u16(10).label("mx").u8(0).u8(0) // MX, skipped
                .label("a").u8(0).u16(DnsType.A).u16(1).u32(10).u16(4).u32(A_198_18_0_1 + 1)
                .array();

        DnsMessage message = decode(wire);

        assertEquals(2, message.answers().size());
        assertEquals(new DnsRData.A(A_198_18_0_1 + 1), message.answers().get(1).data());
    }

    @Test
    void treatsATtlWithTheHighBitSetAsZero() throws DnsFormatException {
        byte[] wire = header(0, 1).label("a").u8(0).u16(DnsType.A).u16(1).u32(0x80000001).u16(4).u32(1).array();
        assertEquals(0, decode(wire).answers().get(0).ttl());
    }

    @Test
    void decodesAaaa() throws Exception {
        byte[] address = ipv6("2001:db8::42").getAddress();
        byte[] wire = header(0, 1).label("v6").u8(0).u16(DnsType.AAAA).u16(1).u32(1).u16(16).bytes(address).array();
        assertEquals(new DnsRData.Aaaa(ipv6("2001:db8::42")), decode(wire).answers().get(0).data());
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        byte[] wireMapped = header(0, 1).label("v6").u8(0).u16(DnsType.AAAA).u16(1).u32(1).u16(16).bytes(mapped)
                .array();
        assertEquals(DnsType.AAAA, decode(wireMapped).answers().get(0).type(), "::ffff:0.0.0.0 stays an AAAA");
    }

    @Test
    void rejectsATruncatedHeader() {
        String error = rejection(new Bytes().u16(1).u16(0).u16(0).u16(0).u16(0).u8(0).array());
        assertTrue(error.contains("truncated header"), error);
    }

    @Test
    void rejectsATruncatedRecord() {
        byte[] rdataCut = header(0, 1).label("a").u8(0).u16(DnsType.A).u16(1).u32(10).u16(4).u16(0xC612).array();
        String error = rejection(rdataCut);
        assertTrue(error.contains("truncated RDATA of A answer for a"), error);

        byte[] fixedPartCut = header(0, 1).label("a").u8(0).u16(DnsType.A).u16(1).u8(0).array();
        assertTrue(rejection(fixedPartCut).contains("truncated answer"), rejection(fixedPartCut));

        byte[] missingRecord = header(0, 2).label("a").u8(0).u16(DnsType.A).u16(1).u32(10).u16(4).u32(1).array();
        assertTrue(rejection(missingRecord).contains("truncated name"), rejection(missingRecord));

        byte[] skippedCut = header(0, 1).label("a").u8(0).u16(16).u16(1).u32(10).u16(50).u8(3).array();
        assertTrue(rejection(skippedCut).contains("truncated RDATA of TYPE16"), rejection(skippedCut));
    }

    @Test
    void rejectsAWrongAddressLength() {
        byte[] wire = header(0, 1).label("a").u8(0).u16(DnsType.A).u16(1).u32(10).u16(5).u32(1).u8(0).array();
        String error = rejection(wire);
        assertTrue(error.contains("RDLENGTH 5") && error.contains("must be 4"), error);
        byte[] v6 = header(0, 1).label("a").u8(0).u16(DnsType.AAAA).u16(1).u32(10).u16(4).u32(1).array();
        assertTrue(rejection(v6).contains("must be 16"), rejection(v6));
    }

    @Test
    void rejectsACnameWhoseNameDoesNotFillItsRdata() {
        byte[] wire = header(0, 1).label("a").u8(0).u16(DnsType.CNAME).u16(1).u32(10).u16(9).label("b").u8(0)
                .u32(0).array();
        String error = rejection(wire);
        assertTrue(error.contains("does not match its name of 3 bytes"), error);
    }

    @Test
    void rejectsAPointerLoop() {
        // the question name is a pointer to itself
        byte[] self = header(1, 0).u16(0xC000 | 12).u16(1).u16(1).array();
        String error = rejection(self);
        assertTrue(error.contains("pointer loop"), error);

        // a label followed by a pointer back to that label: backwards, but still a loop
        byte[] twoStep = header(1, 0).label("a").u16(0xC000 | 12).u16(1).u16(1).array();
        assertTrue(rejection(twoStep).contains("pointer loop"), rejection(twoStep));

        // forward pointer (not to a prior occurrence, RFC 1035 §4.1.4)
        byte[] forward = header(1, 0).u16(0xC000 | 18).u16(1).u16(1).label("a").u8(0).array();
        assertTrue(rejection(forward).contains("pointer loop"), rejection(forward));
    }

    @Test
    void rejectsAPointerOutsideTheMessageOrCut() {
        byte[] cut = header(1, 0).u8(0xC0).array();
        assertTrue(rejection(cut).contains("truncated compression pointer"), rejection(cut));
    }

    @Test
    void rejectsLabelsOver63OctetsAndReservedLabelTypes() {
        byte[] labelType01 = header(1, 0).u8(64).bytes(new byte[64]).u8(0).u16(1).u16(1).array();
        String error = rejection(labelType01);
        assertTrue(error.contains("unsupported label type 0x40"), error);
        byte[] labelType10 = header(1, 0).u8(0x80).u8(0).u16(1).u16(1).array();
        assertTrue(rejection(labelType10).contains("unsupported label type 0x80"), rejection(labelType10));

        IllegalArgumentException encode = assertThrows(IllegalArgumentException.class,
                () -> encode(DnsMessage.query(1, "x".repeat(64) + ".test", DnsType.A)));
        assertTrue(encode.getMessage().contains("label of 64 octets"), encode.getMessage());
    }

    @Test
    void rejectsNamesOver255Octets() {
        Bytes labels = header(1, 0);
        for (int i = 0; i < 4; i++) {
            labels.label("x".repeat(63)); // 4 × 64 + root = 257 octets
        }
        String error = rejection(labels.u8(0).u16(1).u16(1).array());
        assertTrue(error.contains("longer than 255 octets"), error);

        // the same length reached through pointers: each name adds a label in front of the previous one
        Bytes chained = header(0, 5);
        int previous = -1;
        for (int i = 0; i < 5; i++) {
            int at = chained.length();
            chained.label("y".repeat(60));
            if (previous < 0) {
                chained.u8(0);
            } else {
                chained.u16(0xC000 | previous);
            }
            chained.u16(DnsType.A).u16(1).u32(1).u16(4).u32(1);
            previous = at;
        }
        String viaPointers = rejection(chained.array());
        assertTrue(viaPointers.contains("longer than 255 octets"), viaPointers);

        String longName = ("z".repeat(50) + ".").repeat(5) + "test";
        IllegalArgumentException encode = assertThrows(IllegalArgumentException.class,
                () -> encode(DnsMessage.query(1, longName, DnsType.A)));
        assertTrue(encode.getMessage().contains("longer than 255 octets"), encode.getMessage());
    }

    @Test
    void rejectsEmptyLabelsWhenEncoding() {
        assertThrows(IllegalArgumentException.class, () -> encode(DnsMessage.query(1, "a..test", DnsType.A)));
        assertThrows(IllegalArgumentException.class, () -> encode(DnsMessage.query(1, "", DnsType.A)));
    }

    @Test
    void escapesOddOctetsInDecodedNames() throws DnsFormatException {
        byte[] wire = header(1, 0).u8(3).bytes(new byte[] {'a', '.', 0x07}).label("Test").u8(0).u16(1).u16(1)
                .array();
        String name = decode(wire).questions().get(0).name();
        assertEquals("a\\.\\007.Test", name);
        assertEquals("a\\.\\007.test", DnsName.canonical(name));
        List<byte[]> labels = DnsName.labels(name);
        assertArrayEquals(new byte[] {'a', '.', 0x07}, labels.get(0), "the text round-trips to the same octets");
        assertTrue(DnsName.same("EXAMPLE.test.", "example.TEST"));
        assertTrue(DnsName.same("\\065bc.test", "abc.test"));
        assertEquals(".", decode(header(1, 0).u8(0).u16(2).u16(1).array()).questions().get(0).name());
    }

    /** A growable byte array with big-endian writers, for hand-made (often malformed) messages. */
    static final class Bytes {
        private final ByteBuf buf = Unpooled.buffer();

        Bytes u8(int v) {
            buf.writeByte(v);
            return this;
        }

        Bytes u16(int v) {
            buf.writeShort(v);
            return this;
        }

        Bytes u32(int v) {
            buf.writeInt(v);
            return this;
        }

        Bytes bytes(byte[] v) {
            buf.writeBytes(v);
            return this;
        }

        Bytes label(String text) {
            byte[] octets = text.getBytes(StandardCharsets.US_ASCII);
            return u8(octets.length).bytes(octets);
        }

        int length() {
            return buf.writerIndex();
        }

        byte[] array() {
            return ByteBufUtil.getBytes(buf);
        }
    }
}
