package io.tunstack.tls;

import io.tunstack.tls.cert.CertificateVerifier;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureSigner;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** Immutable client configuration; build with {@link #builder()}. */
public final class TlsConfig {

    /** The default suites: the three TLS 1.3 suites, then ECDHE with AES-GCM and ChaCha20 (no static RSA). */
    public static final List<CipherSuite> DEFAULT_CIPHER_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String serverName;
    private final List<String> applicationProtocols;
    private final Set<ProtocolVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<NamedGroup> keyShareGroups;
    private final List<SignatureScheme> signatureSchemes;
    private final CertificateVerifier certificateVerifier;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private final SessionTicketStore sessionTicketStore;
    private final TlsHandshakeListener handshakeListener;
    private final PrivateKey clientKey;
    private final List<X509Certificate> clientCertificateChain;

    private TlsConfig(Builder b) {
        this.serverName = b.serverName;
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.versions = EnumSet.copyOf(b.versions);
        this.cipherSuites = b.cipherSuites.stream().filter(s -> versions.contains(s.version())).toList();
        this.groups = List.copyOf(b.groups);
        this.keyShareGroups = b.keyShareGroups == null ? List.of(groups.get(0)) : List.copyOf(b.keyShareGroups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.certificateVerifier = b.certificateVerifier;
        this.nanoClock = b.nanoClock;
        this.random = b.random;
        this.sessionTicketStore = b.sessionTicketStore;
        this.handshakeListener = b.handshakeListener;
        this.clientKey = b.clientKey;
        this.clientCertificateChain = b.clientCertificateChain;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name to check the certificate against; also sent as SNI unless it is an IP literal. */
    public String serverName() {
        return serverName;
    }

    /** The server name for the server_name extension, or null (RFC 6066 §3 forbids IP literals). */
    public String sniHostName() {
        if (serverName == null || serverName.contains(":") || IPV4_LITERAL.matcher(serverName).matches()) {
            return null;
        }
        return serverName;
    }

    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public boolean enabled(ProtocolVersion version) {
        return versions.contains(version);
    }

    /** Suites to offer, in preference order, restricted to the enabled versions. */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    public List<NamedGroup> groups() {
        return groups;
    }

    /** Groups for which the first TLS 1.3 ClientHello carries a key share. */
    public List<NamedGroup> keyShareGroups() {
        return keyShareGroups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** The verifier for the server's chain, or null when the configuration is explicitly {@code insecure}. */
    public CertificateVerifier certificateVerifier() {
        return certificateVerifier;
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    public SecureRandom random() {
        return random;
    }

    /** The ticket store, or null if tickets are neither kept nor offered. */
    public SessionTicketStore sessionTicketStore() {
        return sessionTicketStore;
    }

    /** The private key for client authentication, or null if the client has no certificate. */
    public PrivateKey clientKey() {
        return clientKey;
    }

    /** The client's certificate chain, leaf first; empty if none is configured. */
    public List<X509Certificate> clientCertificateChain() {
        return clientCertificateChain;
    }

    /** The listener for live handshake steps, or null if none is set. */
    public TlsHandshakeListener handshakeListener() {
        return handshakeListener;
    }

    /** Builder for {@link TlsConfig}. Either a certificate verifier or {@link #insecure()} is required. */
    public static final class Builder {
        private String serverName;
        private List<String> applicationProtocols = List.of();
        private Set<ProtocolVersion> versions = EnumSet.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3);
        private List<CipherSuite> cipherSuites = DEFAULT_CIPHER_SUITES;
        private List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);
        private List<NamedGroup> keyShareGroups;
        private List<SignatureScheme> signatureSchemes = List.of(
                SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);
        private CertificateVerifier certificateVerifier;
        private boolean insecure;
        private LongSupplier nanoClock = System::nanoTime;
        private SecureRandom random = new SecureRandom();
        private SessionTicketStore sessionTicketStore = new SessionTicketStore(4);
        private TlsHandshakeListener handshakeListener;
        private PrivateKey clientKey;
        private List<X509Certificate> clientCertificateChain = List.of();

        private Builder() {
        }

        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** ALPN protocol names in preference order (RFC 7301). */
        public Builder applicationProtocols(String... protocols) {
            this.applicationProtocols = protocolNames(protocols);
            return this;
        }

        public Builder versions(ProtocolVersion... versions) {
            this.versions = EnumSet.copyOf(List.of(versions));
            return this;
        }

        /** Suites in preference order; static RSA suites are offered only when listed here. */
        public Builder cipherSuites(CipherSuite... suites) {
            this.cipherSuites = List.of(suites);
            return this;
        }

        /** Supported groups in preference order; by default the first one also gets a key share. */
        public Builder groups(NamedGroup... groups) {
            this.groups = List.of(groups);
            return this;
        }

        /** Groups to send key shares for in the first ClientHello (each must be in {@link #groups}). */
        public Builder keyShares(NamedGroup... groups) {
            this.keyShareGroups = List.of(groups);
            return this;
        }

        public Builder signatureSchemes(SignatureScheme... schemes) {
            this.signatureSchemes = List.of(schemes);
            return this;
        }

        public Builder certificateVerifier(CertificateVerifier verifier) {
            this.certificateVerifier = verifier;
            return this;
        }

        /** Accept any server certificate chain (no authentication!). For tests and diagnostics only. */
        public Builder insecure() {
            this.insecure = true;
            return this;
        }

        /** Source of the handshake timeline's nanosecond timestamps. */
        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = clock;
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        /** Where TLS 1.3 tickets are kept and taken from for resumption; null keeps and offers none (every handshake a full one). */
        public Builder sessionTicketStore(SessionTicketStore store) {
            this.sessionTicketStore = store;
            return this;
        }

        /** Receives each handshake step as it happens (default: none); see {@link TlsHandshakeListener} for its contract. */
        public Builder handshakeListener(TlsHandshakeListener listener) {
            this.handshakeListener = listener;
            return this;
        }

        /**
         * The certificate to answer a CertificateRequest with (default: none, so an empty Certificate is
         * sent). The key may be ECDSA P-256/P-384, RSA or Ed25519; {@link #build()} checks that it
         * matches the leaf, {@code chain.get(0)}.
         */
        public Builder clientCertificate(PrivateKey key, List<X509Certificate> chain) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the client certificate chain must not be empty");
            }
            this.clientKey = Objects.requireNonNull(key, "key");
            this.clientCertificateChain = List.copyOf(chain);
            return this;
        }

        public TlsConfig build() {
            if (insecure == (certificateVerifier != null)) {
                throw new IllegalStateException("configure exactly one of certificateVerifier(...) and insecure()");
            }
            if (!insecure && serverName == null) {
                throw new IllegalStateException("certificate verification needs a serverName");
            }
            if (versions.isEmpty() || groups.isEmpty() || signatureSchemes.isEmpty()) {
                throw new IllegalStateException("versions, groups and signature schemes must not be empty");
            }
            if (keyShareGroups != null && (keyShareGroups.isEmpty() || !groups.containsAll(keyShareGroups))) {
                throw new IllegalStateException("key share groups must be a non-empty subset of the groups");
            }
            if (clientKey != null) {
                SignatureSigner.checkKeyMatches(clientKey, clientCertificateChain.get(0).getPublicKey(), random);
            }
            TlsConfig config = new TlsConfig(this);
            for (ProtocolVersion v : versions) {
                if (config.cipherSuites.stream().noneMatch(s -> s.version() == v)) {
                    throw new IllegalStateException("no cipher suite enabled for " + v);
                }
            }
            return config;
        }
    }

    /** ALPN protocol names as a list; each must be 1..255 bytes (RFC 7301 §3.1). */
    static List<String> protocolNames(String... protocols) {
        for (String p : protocols) {
            int length = p.getBytes(StandardCharsets.US_ASCII).length;
            if (length == 0 || length > 255) {
                throw new IllegalArgumentException("ALPN protocol name must be 1..255 bytes: " + p);
            }
        }
        return List.of(protocols);
    }

    /** A copy of the suites list for a version, in preference order. */
    public List<CipherSuite> cipherSuites(ProtocolVersion version) {
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite s : cipherSuites) {
            if (s.version() == version) {
                out.add(s);
            }
        }
        return out;
    }
}
