package io.tunstack.cli;

import io.tunstack.tls.TlsServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --tls-cert} and {@code --tls-key}: serve TLS with our {@code TlsServer} (TLS 1.3 and 1.2 ECDHE). */
final class ServerTlsOptions {

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve TLS 1.3/1.2 with this certificate chain (PEM, leaf first); needs --tls-key.")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "The private key of --tls-cert (PEM: PKCS#8, or traditional EC/RSA; ECDSA P-256/P-384, RSA or Ed25519).")
    Path key;

    /** The server configuration, or null for plain TCP. */
    TlsServerConfig config(CommandSpec spec) {
        if ((certificate == null) != (key == null)) {
            throw Cli.usage(spec, "--tls-cert and --tls-key go together");
        }
        if (certificate == null) {
            return null;
        }
        List<X509Certificate> chain;
        PrivateKey privateKey;
        try {
            chain = readChain(certificate);
            privateKey = readKey(key);
        } catch (IOException | CertificateException e) {
            throw Cli.usage(spec, "cannot read the TLS certificate or key: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw Cli.usage(spec, "no certificate in " + certificate);
        }
        try {
            return TlsServerConfig.builder(privateKey, chain).build();
        } catch (IllegalStateException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }

    private static List<X509Certificate> readChain(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> chain.add((X509Certificate) c));
            return chain;
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (pem instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException("no unencrypted private key in " + file);
        }
    }
}
