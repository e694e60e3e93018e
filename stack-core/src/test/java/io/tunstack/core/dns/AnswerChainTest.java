package io.tunstack.core.dns;

import static io.tunstack.core.dns.FakeDnsServer.a;
import static io.tunstack.core.dns.FakeDnsServer.cname;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerChainTest {
    private static final DnsQuestion QUESTION = new DnsQuestion("a.test", DnsType.A, DnsType.CLASS_IN);

    private static DnsMessage answer(DnsRecord... records) {
        return new DnsMessage(7, DnsMessage.FLAG_QR, List.of(QUESTION), List.of(records), List.of(), List.of());
    }

    @Test
    void detectsACnameLoop() {
        DnsResult result = AnswerChain.addresses("a.test", answer(cname("a.test", "b.test"), cname("b.test", "A.TEST")));
        assertEquals(DnsError.CNAME_CHAIN, result.error());
        assertEquals("a.test: CNAME chain loops or is too long (CNAME loop at A.TEST)", result.message());
    }

    @Test
    void stopsAnOverlongChain() {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(cname(i == 0 ? "a.test" : "n" + i + ".test", "n" + (i + 1) + ".test"));
        }
        records.add(a("n20.test", "10.0.0.1"));
        DnsResult result = AnswerChain.addresses("a.test", answer(records.toArray(DnsRecord[]::new)));
        assertEquals(DnsError.CNAME_CHAIN, result.error());
        assertTrue(result.detail().contains("more than " + AnswerChain.MAX_CNAMES), result.detail());
    }

    @Test
    void ignoresRecordsOfOtherClassesAndNames() {
        DnsRecord chaos = new DnsRecord("a.test", 3, 1, new DnsRData.A(1));
        DnsResult result = AnswerChain.addresses("a.test", answer(chaos, a("b.test", "10.0.0.2"), a("A.Test", "10.0.0.1")));
        assertEquals(List.of(Ipv4Address.parse("10.0.0.1")), result.addresses());
    }

    @Test
    void checksIdQuestionAndDirectionOfAResponse() {
        DnsMessage ok = answer();
        assertNull(ResponseCheck.mismatch(ok, 7, new DnsQuestion("A.TEST.", DnsType.A, DnsType.CLASS_IN)));
        assertEquals("response ID 0x0007 does not match query ID 0x0008", ResponseCheck.mismatch(ok, 8, QUESTION));
        DnsMessage query = new DnsMessage(7, 0, List.of(QUESTION), List.of(), List.of(), List.of());
        assertEquals("message is not a response (QR=0)", ResponseCheck.mismatch(query, 7, QUESTION));
        DnsMessage noQuestion = new DnsMessage(7, DnsMessage.FLAG_QR, List.of(), List.of(), List.of(), List.of());
        assertEquals("response echoes 0 questions, expected 1", ResponseCheck.mismatch(noQuestion, 7, QUESTION));
        DnsMessage aaaa = new DnsMessage(7, DnsMessage.FLAG_QR,
                List.of(new DnsQuestion("a.test", DnsType.AAAA, DnsType.CLASS_IN)), List.of(), List.of(), List.of());
        assertEquals("response question \"a.test AAAA\" does not match \"a.test A\"",
                ResponseCheck.mismatch(aaaa, 7, QUESTION));
        DnsMessage notify = new DnsMessage(7, DnsMessage.FLAG_QR | (4 << 11), List.of(QUESTION), List.of(), List.of(),
                List.of());
        assertEquals("response opcode 4 is not a standard query", ResponseCheck.mismatch(notify, 7, QUESTION));
    }
}
