package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.testing.RootRequirement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tunstack demo} end to end (root; CI): real tables with consistent numbers, and nothing left behind. */
class DemoCommandTest {
    private static final Pattern NAMESPACE = Pattern.compile("namespace (ts-[0-9a-f]+):");

    private static long[] seqAck(String output, int step, String flags) {
        Matcher m = Pattern.compile("(?m)^\\| " + step + " +\\| [^|]+\\| " + flags + " +\\| (\\d+) +\\| (\\d+) +\\|")
                .matcher(output);
        assertTrue(m.find(), "row " + step + " with flags " + flags + " in:\n" + output);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    @Test
    void demoShowsThisConnectionsHandshakesAndCleansUp() throws Exception {
        RootRequirement.check();
        CliRun run = CliRun.run("demo");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();

        long[] syn = seqAck(out, 1, "SYN");
        long[] synAck = seqAck(out, 2, "SYN, ACK");
        long[] ack = seqAck(out, 3, "ACK");
        assertEquals((syn[0] + 1) & 0xFFFFFFFFL, synAck[1], "SYN-ACK acknowledges client ISN + 1");
        assertEquals((synAck[0] + 1) & 0xFFFFFFFFL, ack[1], "ACK acknowledges server ISN + 1");
        assertEquals(synAck[1], ack[0], "the ACK carries the next client sequence number");
        assertTrue(out.contains("ack = client ISN + 1: OK") && out.contains("ack = server ISN + 1: OK"), out);
        assertFalse(out.contains("MISMATCH"), out);

        assertTrue(out.matches("(?s).*Table 2\\. TLS handshake \\(TLSv1\\.3, TLS_\\w+, key exchange \\w+\\).*"), out);
        assertTrue(out.matches("(?s).*\\| 1 +\\| client -> server \\| ClientHello .*\\| 2 +\\| server -> client \\| ServerHello .*"),
                out);
        assertTrue(out.matches("(?s).*\\| client +\\| \\(certificate check\\) +\\| accepted for 198\\.18\\.0\\.1 .*"), out);
        assertTrue(out.contains("| Certificate ") && out.contains("CN=198.18.0.1"), out);
        assertTrue(out.contains("Hello from inside the namespace"), out);
        assertTrue(out.matches("(?s).*Summary: 181 body bytes .* TCP SRTT [0-9.]+ ms.*retransmissions \\d+.*"), out);

        Matcher ns = NAMESPACE.matcher(out);
        assertTrue(ns.find(), out);
        assertFalse(Namespaces.list().contains(ns.group(1)), "namespace " + ns.group(1) + " was removed");
    }
}
