package io.tunstack.core.dns;

import io.netty.buffer.ByteBuf;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes DNS messages (RFC 1035 §4): header, questions, and A, AAAA (RFC 3596) and CNAME records;
 * records of other types are skipped by their RDLENGTH. Decoding rejects every malformation with a
 * {@link DnsFormatException} naming the problem and its offset.
 */
public final class DnsCodec {
    /** RFC 1035 §4.1.1: ID, flags and four counts. */
    public static final int HEADER_LENGTH = 12;
    private static final int IPV4_LENGTH = 4;
    private static final int IPV6_LENGTH = 16;

    private DnsCodec() {
    }

    /** Decodes the message in {@code message}'s readable bytes (indices not moved; trailing bytes ignored). */
    public static DnsMessage decode(ByteBuf message) throws DnsFormatException {
        DnsReader in = new DnsReader(message);
        int id = in.u16("header");
        int flags = in.u16("header");
        int questionCount = in.u16("header");
        int answerCount = in.u16("header");
        int authorityCount = in.u16("header");
        int additionalCount = in.u16("header");
        List<DnsQuestion> questions = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) {
            String name = in.name();
            questions.add(new DnsQuestion(name, in.u16("question"), in.u16("question")));
        }
        List<DnsRecord> answers = records(in, answerCount, "answer");
        List<DnsRecord> authorities = records(in, authorityCount, "authority record");
        List<DnsRecord> additionals = records(in, additionalCount, "additional record");
        return new DnsMessage(id, flags, questions, answers, authorities, additionals);
    }

    private static List<DnsRecord> records(DnsReader in, int count, String what) throws DnsFormatException {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DnsRecord record = record(in, what);
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** One resource record (RFC 1035 §4.1.3), or {@code null} for a type that is skipped. */
    private static DnsRecord record(DnsReader in, String what) throws DnsFormatException {
        String name = in.name();
        int type = in.u16(what);
        int dnsClass = in.u16(what);
        // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
        int rawTtl = in.i32(what);
        long ttl = rawTtl < 0 ? 0 : rawTtl;
        int rdLength = in.u16(what);
        int rdStart = in.position();
        String context = DnsType.name(type) + " " + what + " for " + name + " at offset " + rdStart;
        DnsRData data;
        switch (type) {
            case DnsType.A -> data = new DnsRData.A(in.i32(fixedLength(rdLength, IPV4_LENGTH, context)));
            case DnsType.AAAA -> data = new DnsRData.Aaaa(ipv6(in.bytes(
                    IPV6_LENGTH, fixedLength(rdLength, IPV6_LENGTH, context))));
            case DnsType.CNAME -> data = cname(in, rdStart, rdLength, context);
            default -> {
                in.skip(rdLength, "RDATA of " + context);
                return null;
            }
        }
        return new DnsRecord(name, dnsClass, ttl, data);
    }

    private static String fixedLength(int rdLength, int expected, String context) throws DnsFormatException {
        if (rdLength != expected) {
            throw new DnsFormatException("RDLENGTH " + rdLength + " of " + context + " (must be " + expected + ")");
        }
        return "RDATA of " + context;
    }

    /** A CNAME's name must fill its RDATA exactly (its pointers may lead anywhere before it). */
    private static DnsRData cname(DnsReader in, int rdStart, int rdLength, String context) throws DnsFormatException {
        String target = in.name();
        if (in.position() != rdStart + rdLength) {
            throw new DnsFormatException("RDLENGTH " + rdLength + " of " + context + " does not match its name of "
                    + (in.position() - rdStart) + " bytes");
        }
        return new DnsRData.Cname(target);
    }

    private static Inet6Address ipv6(byte[] address) {
        try {
            return Inet6Address.getByAddress(null, address, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    /** Appends {@code message} at {@code out}'s writer index, compressing names. */
    public static void encode(DnsMessage message, ByteBuf out) {
        DnsWriter w = new DnsWriter(out);
        w.u16(message.id());
        w.u16(message.flags());
        w.u16(message.questions().size());
        w.u16(message.answers().size());
        w.u16(message.authorities().size());
        w.u16(message.additionals().size());
        for (DnsQuestion question : message.questions()) {
            w.name(question.name());
            w.u16(question.type());
            w.u16(question.dnsClass());
        }
        for (List<DnsRecord> section : List.of(message.answers(), message.authorities(), message.additionals())) {
            for (DnsRecord record : section) {
                writeRecord(w, record);
            }
        }
    }

    private static void writeRecord(DnsWriter w, DnsRecord record) {
        w.name(record.name());
        w.u16(record.type());
        w.u16(record.dnsClass());
        w.i32((int) record.ttl());
        int rdLengthAt = w.position();
        w.u16(0);
        int rdStart = w.position();
        DnsRData data = record.data();
        if (data instanceof DnsRData.A a) {
            w.i32(a.address());
        } else if (data instanceof DnsRData.Aaaa aaaa) {
            w.bytes(aaaa.address().getAddress());
        } else if (data instanceof DnsRData.Cname cname) {
            w.name(cname.target());
        }
        w.setU16(rdLengthAt, w.position() - rdStart);
    }
}
