package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.HandshakeStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS handshake steps in the live trace and the events file, with the message and direction they stand for. */
class EventLogTest {
    @Test
    void tlsStepsBecomeTraceLinesAndJsonLines(@TempDir Path dir) throws Exception {
        TraceOptions options = new TraceOptions();
        options.trace = true;
        options.events = dir.resolve("events.jsonl");
        StringWriter trace = new StringWriter();
        try (EventLog log = EventLog.open(options, new PrintWriter(trace), 1_000_000)) {
            log.onStep(new HandshakeStep(HandshakeEvent.CLIENT_HELLO_SENT, 2_000_000, "TLSv1.3, SNI a.test"));
            log.onStep(new HandshakeStep(HandshakeEvent.SERVER_HELLO_RECEIVED, 3_500_000, "TLSv1.3, \"x\""));
            log.onStep(new HandshakeStep(HandshakeEvent.CERTIFICATE_VERIFIED, 4_000_000, ""));
        }
        assertEquals(String.join(System.lineSeparator(),
                "     1.000 ms  tls client_hello_sent -> ClientHello: TLSv1.3, SNI a.test",
                "     2.500 ms  tls server_hello_received <- ServerHello: TLSv1.3, \"x\"",
                "     3.000 ms  tls certificate_verified    (certificate check)", ""), trace.toString());
        assertEquals(List.of(
                "{\"time_ms\":1.0,\"type\":\"tls\",\"step\":\"client_hello_sent\",\"message\":\"ClientHello\","
                        + "\"detail\":\"TLSv1.3, SNI a.test\"}",
                "{\"time_ms\":2.5,\"type\":\"tls\",\"step\":\"server_hello_received\",\"message\":\"ServerHello\","
                        + "\"detail\":\"TLSv1.3, \\\"x\\\"\"}",
                "{\"time_ms\":3.0,\"type\":\"tls\",\"step\":\"certificate_verified\",\"message\":\"(certificate check)\","
                        + "\"detail\":\"\"}"), Files.readAllLines(options.events));
    }
}
