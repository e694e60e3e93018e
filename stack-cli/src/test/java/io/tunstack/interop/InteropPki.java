package io.tunstack.interop;

import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.cert.TrustStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and its server certificates, made with the openssl command line in a folder: an
 * RSA-2048 and an ECDSA P-256 certificate for {@value #SERVER_NAME} and the gateway address
 * {@value #GATEWAY_ADDRESS}, and one for a name we never connect to.
 */
final class InteropPki {
    static final String SERVER_NAME = "tunstack.test";
    static final String GATEWAY_ADDRESS = "198.18.0.1";
    static final String PKCS12_PASSWORD = "interop";

    private static final String RSA = "rsa:2048";
    private static final String EC = "ec";

    private final Path dir;
    private final Path caCert;
    private final ServerKey rsa;
    private final ServerKey ec;
    private final ServerKey wrongName;

    /** A server's certificate and private key as PEM files, and both (with the CA) as a PKCS#12 store. */
    record ServerKey(Path cert, Path key, Path pkcs12) {
    }

    private InteropPki(Path dir) throws IOException {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca-key.pem");
        run("req", "-x509", "-newkey", EC, "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey.toString(),
                "-out", caCert.toString(), "-subj", "/CN=tunstack interop CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        String ours = "DNS:" + SERVER_NAME + ",IP:" + GATEWAY_ADDRESS;
        // Static RSA key transport needs keyEncipherment on the leaf (RFC 5246 §7.4.2); ECDHE needs digitalSignature.
        this.rsa = issue("rsa", RSA, ours, "digitalSignature,keyEncipherment", caKey);
        this.ec = issue("ec", EC, ours, "digitalSignature", caKey);
        this.wrongName = issue("wrong-name", EC, "DNS:wrong.example", "digitalSignature", caKey);
    }

    /** Creates the CA and the certificates in {@code dir} (made if missing). */
    static InteropPki create(Path dir) throws IOException {
        return new InteropPki(Files.createDirectories(dir));
    }

    ServerKey rsa() {
        return rsa;
    }

    ServerKey ec() {
        return ec;
    }

    /** An ECDSA certificate from the same CA, valid only for {@code wrong.example}. */
    ServerKey wrongName() {
        return wrongName;
    }

    /** A client configuration that validates the server against this CA with the real PKIX verifier. */
    TlsConfig.Builder verifying(String serverName) throws IOException, GeneralSecurityException {
        return TlsConfig.builder().serverName(serverName)
                .certificateVerifier(new PkixCertificateVerifier(TrustStore.fromPem(caCert)));
    }

    private ServerKey issue(String name, String keySpec, String subjectAltName, String keyUsage, Path caKey) throws IOException {
        Path key = dir.resolve(name + "-key.pem");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + "-cert.pem");
        Path ext = dir.resolve(name + ".ext");
        Path pkcs12 = dir.resolve(name + ".p12");
        Files.writeString(ext, "basicConstraints=CA:FALSE\nkeyUsage=" + keyUsage + "\nextendedKeyUsage=serverAuth\n"
                + "subjectAltName=" + subjectAltName + "\n", StandardCharsets.US_ASCII);
        List<String> request = new ArrayList<>(List.of("req", "-new", "-newkey", keySpec));
        if (keySpec.equals(EC)) {
            request.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        request.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name));
        run(request.toArray(String[]::new));
        run("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        run("pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-certfile", caCert.toString(),
                "-name", "server", "-out", pkcs12.toString(), "-passout", "pass:" + PKCS12_PASSWORD);
        return new ServerKey(cert, key, pkcs12);
    }

    private static void run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
