package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunstack fetch} against nginx and dnsmasq inside a lab namespace (root; CI). */
class FetchCommandTest {
    @TempDir
    static Path dir;
    private static WebLab web;

    @BeforeAll
    static void startServers() throws Exception {
        web = WebLab.start(dir);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (web != null) {
            web.close();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String tshark(Path pcap, String filter) throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-Y", filter).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void httpByNameThroughOurDnsWritesTheExactBody() throws Exception {
        Path body = dir.resolve("http.bin");
        CliRun run = CliRun.run("fetch", "--netns", web.netns(), "-o", body.toString(), "http://site.test/data.bin");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(web.dataSha256, sha256(body));
    }

    @Test
    void httpsVerifiedAgainstTheCaWithPcapEventsAndPlot() throws Exception {
        Path body = dir.resolve("https.bin");
        Path pcap = dir.resolve("https.pcap");
        Path events = dir.resolve("https.jsonl");
        Path png = dir.resolve("https.png");
        CliRun run = CliRun.run("fetch", "--netns", web.netns(), "--cafile", web.caFile.toString(), "--pcap",
                pcap.toString(), "--events", events.toString(), "--plot", png.toString(), "--trace", "-o",
                body.toString(), "https://site.test/data.bin");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(web.dataSha256, sha256(body));

        assertTrue(tshark(pcap, "tcp.flags.syn == 1 && tcp.flags.ack == 0").contains("198.18.0.2"), "SYN in the pcap");
        assertTrue(tshark(pcap, "tls.handshake.type == 1").contains("Client Hello"), "Client Hello in the pcap");

        List<String> lines = Files.readAllLines(events);
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(JsonLines.isFlatObject(line), "valid JSON object: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"state\"") && l.contains("\"to\":\"ESTABLISHED\"")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"rtt\"")));
        for (String step : List.of("client_hello_sent", "server_hello_received", "certificate_verified",
                "server_finished_received", "client_finished_sent")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"tls\"") && l.contains("\"step\":\"" + step + "\"")),
                    step);
        }
        BufferedImage chart = ImageIO.read(png.toFile());
        assertTrue(chart != null && chart.getWidth() == 1200 && chart.getHeight() == 800, "a 1200x800 chart image");
        assertTrue(run.stderr().contains("SYN_SENT -> ESTABLISHED"), run.stderr());
        assertTrue(run.stderr().contains("tls client_hello_sent"), run.stderr());
    }

    @Test
    void followsRedirectsAndIncludesHeaders() throws Exception {
        CliRun run = CliRun.run("fetch", "--netns", web.netns(), "-L", "-i", "--resolve", "other.test:80:198.18.0.1",
                "http://other.test/moved");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("HTTP/1.1 200 OK\r\n"), run.stdout().substring(0, 40));
        assertTrue(run.stdout().contains("Content-Length: 300000"));
        assertEquals(300_000 + run.stdout().indexOf("\r\n\r\n") + 4, run.stdoutBytes().length);
    }

    @Test
    void unresolvableNameExits6() {
        assertOneLineFailure(6, CliRun.run("fetch", "--netns", web.netns(), "http://nosuch.example/"));
    }

    @Test
    void closedPortExits7() {
        assertOneLineFailure(7, CliRun.run("fetch", "--netns", web.netns(), "http://198.18.0.1:9/"));
    }

    @Test
    void unreachableAddressExits28() {
        assertOneLineFailure(28, CliRun.run("fetch", "--netns", web.netns(), "--connect-timeout", "1",
                "http://198.18.0.99/"));
    }

    @Test
    void certificateFromAnUnknownCaExits60() {
        CliRun run = CliRun.run("fetch", "--netns", web.netns(), "https://site.test/");
        assertOneLineFailure(60, run);
        assertTrue(run.stderr().startsWith("tunstack: certificate problem:"), run.stderr());
    }

    @Test
    void traceShowsTlsStepsAsTheyHappenEvenWhenTheHandshakeFails() {
        CliRun run = CliRun.run("fetch", "--netns", web.netns(), "--trace", "https://site.test/");
        assertEquals(60, run.exitCode(), run.toString());
        List<String> lines = run.stderr().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("tunstack: certificate problem:"), run.stderr());
        for (String step : List.of("client_hello_sent -> ClientHello: ", "server_hello_received <- ServerHello: TLSv1.",
                "certificate_received <- Certificate: CN=198.18.0.1")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(" *[0-9.]+ ms  tls " + Pattern.quote(step) + ".*")),
                    step + " in:\n" + run.stderr());
        }
        assertFalse(run.stderr().contains("certificate_verified"), run.stderr());
    }

    @Test
    void aNamespaceCreatedForTheRunIsRemovedAfterAFailure() throws Exception {
        String fresh = "tsc-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        assertFalse(Namespaces.list().contains(fresh));
        assertOneLineFailure(7, CliRun.run("fetch", "--netns", fresh, "http://198.18.0.1:9/"));
        assertFalse(Namespaces.list().contains(fresh), "namespace " + fresh + " was removed");
    }

    private static void assertOneLineFailure(int code, CliRun run) {
        assertEquals(code, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("tunstack: ") && run.stderr().strip().lines().count() == 1, run.stderr());
    }
}
