package io.tunstack.tls.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway CA with an RSA and an ECDSA (P-256) server certificate for "localhost" and client
 * certificates "CN=tunstack test client KIND" for KIND ec (P-256), rsa and ed25519, made once per
 * test JVM with the openssl command line in a temporary directory.
 */
final class TestPki {

    private static TestPki instance;

    final Path dir;
    final Path caCert;
    final Path rsaKey;
    final Path rsaCert;
    final Path ecKey;
    final Path ecCert;

    /** The client certificate of {@code kind} (ec, rsa or ed25519), issued by {@link #caCert}. */
    Path clientCert(String kind) {
        return dir.resolve("client-" + kind + "-cert.pem");
    }

    Path clientKey(String kind) {
        return dir.resolve("client-" + kind + "-key.pem");
    }

    private TestPki(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.rsaKey = dir.resolve("rsa-key.pem");
        this.rsaCert = dir.resolve("rsa-cert.pem");
        this.ecKey = dir.resolve("ec-key.pem");
        this.ecCert = dir.resolve("ec-cert.pem");
    }

    static synchronized TestPki get() throws IOException, InterruptedException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("tunstack-tls-pki");
            dir.toFile().deleteOnExit();
            TestPki pki = new TestPki(dir);
            pki.create();
            instance = pki;
        }
        return instance;
    }

    private void create() throws IOException, InterruptedException {
        Path caKey = dir.resolve("ca-key.pem");
        Path ext = dir.resolve("server.ext");
        Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-subj", "/CN=tunstack test CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        issue("rsa:2048", null, rsaKey, rsaCert, "/CN=localhost", caKey, ext);
        issue("ec", "ec_paramgen_curve:P-256", ecKey, ecCert, "/CN=localhost", caKey, ext);
        Path clientExt = dir.resolve("client.ext");
        Files.writeString(clientExt, "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n");
        issue("ec", "ec_paramgen_curve:P-256", clientKey("ec"), clientCert("ec"), "/CN=tunstack test client ec", caKey, clientExt);
        issue("rsa:2048", null, clientKey("rsa"), clientCert("rsa"), "/CN=tunstack test client rsa", caKey, clientExt);
        issue("ed25519", null, clientKey("ed25519"), clientCert("ed25519"), "/CN=tunstack test client ed25519", caKey, clientExt);
    }

    private void issue(String keySpec, String keyOption, Path key, Path cert, String subject, Path caKey, Path ext)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(cert.getFileName() + ".csr");
        List<String> req = new ArrayList<>(List.of("openssl", "req", "-new", "-newkey", keySpec));
        if (keyOption != null) {
            req.addAll(List.of("-pkeyopt", keyOption));
        }
        req.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", subject));
        run(req.toArray(String[]::new));
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
    }

    static X509Certificate load(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** An unencrypted PKCS#8 PEM private key ("BEGIN PRIVATE KEY", as openssl 3 writes them). */
    static PrivateKey loadKey(Path pem, String algorithm) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
