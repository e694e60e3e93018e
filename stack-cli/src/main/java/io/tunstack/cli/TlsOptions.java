package io.tunstack.cli;

import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsHandshakeListener;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.cert.TrustStore;
import io.tunstack.tls.record.ProtocolVersion;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How {@code fetch} speaks TLS: trust, versions, suites, groups and ALPN. */
final class TlsOptions {
    @Option(names = "--cafile", paramLabel = "PEM",
            description = "Trust the CA certificates in this PEM file (default: the system bundle).")
    Path caFile;

    @Option(names = {"-k", "--insecure"}, description = "Do not verify the server certificate (no authentication!).")
    boolean insecure;

    @Option(names = "--tls", paramLabel = "1.2|1.3", description = "Use only this TLS version (default: 1.3 or 1.2).")
    String version;

    @Option(names = "--alpn", paramLabel = "LIST", split = ",", description = "ALPN protocols to offer, e.g. http/1.1.")
    String[] alpn;

    @Option(names = "--ciphers", paramLabel = "LIST",
            description = "Cipher suites in preference order, IANA or OpenSSL names separated by ':' "
                    + "(static-RSA suites are offered only when named here).")
    String ciphers;

    @Option(names = "--groups", paramLabel = "LIST",
            description = "Key exchange groups in preference order: x25519, secp256r1 (P-256), secp384r1 (P-384).")
    String groups;

    /**
     * The client configuration for {@code serverName}, reporting handshake steps to {@code listener} (may be
     * null); bad names are usage errors.
     */
    TlsConfig config(CommandSpec spec, String serverName, TlsHandshakeListener listener) throws IOException {
        TlsConfig.Builder builder = TlsConfig.builder().serverName(serverName).handshakeListener(listener);
        try {
            if (version != null) {
                builder.versions(switch (version) {
                    case "1.2" -> ProtocolVersion.TLS_1_2;
                    case "1.3" -> ProtocolVersion.TLS_1_3;
                    default -> throw new IllegalArgumentException("--tls must be 1.2 or 1.3, not " + version);
                });
            }
            if (ciphers != null) {
                builder.cipherSuites(TlsNames.suites(ciphers));
            }
            if (groups != null) {
                builder.groups(TlsNames.groups(groups));
            }
            if (alpn != null) {
                builder.applicationProtocols(alpn);
            }
            if (insecure) {
                builder.insecure();
            } else {
                builder.certificateVerifier(new PkixCertificateVerifier(trustStore()));
            }
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }

    private TrustStore trustStore() throws IOException {
        try {
            return caFile == null ? TrustStore.system() : TrustStore.fromPem(caFile);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(caFile.toString(), null, "CA file not found");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load CA certificates" + (caFile == null ? "" : " from " + caFile) + ": "
                    + e.getMessage(), e);
        }
    }
}
