package io.tunstack.cli;

import io.tunstack.core.lab.LabNamespace;
import io.tunstack.testing.RootRequirement;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A lab namespace with nginx (http on 80, https on 443 with a throw-away CA) and dnsmasq answering
 * site.test = 198.18.0.1, all on the TUN's kernel side. Closing stops both and removes the namespace.
 */
final class WebLab implements AutoCloseable {
    static final String SITE = "site.test";
    static final String GATEWAY = "198.18.0.1";

    final LabNamespace lab;
    final Path caFile;
    final String dataSha256;
    private final List<Process> servers;

    private WebLab(LabNamespace lab, Path caFile, String dataSha256, List<Process> servers) {
        this.lab = lab;
        this.caFile = caFile;
        this.dataSha256 = dataSha256;
        this.servers = servers;
    }

    static WebLab start(Path dir) throws Exception {
        RootRequirement.check();
        LabNamespace lab = LabNamespace.createFresh(1500);
        Process nginx = null;
        Process dnsmasq = null;
        try {
            DemoPki pki = DemoPki.create(List.of(GATEWAY), List.of(SITE));
            Path ca = dir.resolve("ca.pem");
            pem(ca, pki.ca());
            pem(dir.resolve("server.pem"), pki.server());
            Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pki.serverKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Path www = Files.createDirectories(dir.resolve("www"));
            byte[] data = new byte[300_000];
            new Random(7).nextBytes(data);
            Files.write(www.resolve("data.bin"), data);
            Files.writeString(www.resolve("index.html"), "<html>hello</html>\n");
            Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                    "daemon off; master_process off; pid " + dir + "/nginx.pid; error_log " + dir + "/error.log;",
                    "events {}",
                    "http { access_log off;",
                    "  server { listen " + GATEWAY + ":80; listen " + GATEWAY + ":443 ssl;",
                    "    ssl_certificate " + dir + "/server.pem; ssl_certificate_key " + dir + "/server.key;",
                    "    root " + www + "; location /moved { return 302 /data.bin; } } }", ""));
            nginx = lab.start("nginx", "-c", dir.resolve("nginx.conf").toString());
            dnsmasq = lab.start("dnsmasq", "--no-daemon", "--no-resolv", "--no-hosts", "--listen-address=" + GATEWAY,
                    "--bind-interfaces", "--address=/" + SITE + "/" + GATEWAY, "--pid-file=" + dir + "/dnsmasq.pid");
            WebLab web = new WebLab(lab, ca, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
                    List.of(nginx, dnsmasq));
            web.awaitListening(GATEWAY + ":443", "-ltn", nginx);
            web.awaitListening(GATEWAY + ":53", "-lun", dnsmasq);
            return web;
        } catch (Exception | Error e) {
            destroy(nginx);
            destroy(dnsmasq);
            lab.close();
            throw e;
        }
    }

    String netns() {
        return lab.netns();
    }

    private void awaitListening(String address, String ssFlags, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!lab.exec(5, "ss", ssFlags).output().contains(address)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nothing listens on " + address + " in " + lab.netns() + ": "
                        + (server.isAlive() ? "still starting" : new String(server.getInputStream().readAllBytes(),
                                StandardCharsets.UTF_8)));
            }
            Thread.sleep(50);
        }
    }

    private static void pem(Path file, Object object) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
    }

    private static void destroy(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            for (Process p : servers) {
                destroy(p);
            }
        } finally {
            lab.close();
        }
    }
}
