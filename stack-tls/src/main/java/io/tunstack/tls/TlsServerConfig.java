package io.tunstack.tls;

import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.handshake.TicketSealer;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureSigner;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/** Immutable TLS 1.3 / TLS 1.2 (ECDHE) server configuration; build with {@link #builder(PrivateKey, List)}. */
public final class TlsServerConfig {

    /** Whether the server sends a CertificateRequest (RFC 8446 §4.3.2), and whether an empty answer is fatal. */
    public enum ClientAuthentication {
        NONE,
        /** Ask; a client without a certificate may still connect. */
        REQUESTED,
        /** Ask; an empty client Certificate ends the handshake with certificate_required (RFC 8446 §4.4.2.4). */
        REQUIRED
    }

    private final PrivateKey key;
    private final List<X509Certificate> certificateChain;
    private final Set<ProtocolVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> applicationProtocols;
    private final ClientAuthentication clientAuthentication;
    private final ClientCertificateVerifier clientCertificateVerifier;
    private final long ticketLifetimeSeconds;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private final TlsHandshakeListener handshakeListener;
    private final TicketSealer ticketSealer;

    private TlsServerConfig(Builder b) {
        this.key = b.key;
        this.certificateChain = b.certificateChain;
        this.versions = EnumSet.copyOf(b.versions);
        this.cipherSuites = b.cipherSuites.stream().filter(s -> versions.contains(s.version())).toList();
        this.groups = List.copyOf(b.groups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.clientAuthentication = b.clientAuthentication;
        this.clientCertificateVerifier = b.clientCertificateVerifier;
        this.ticketLifetimeSeconds = b.ticketLifetimeSeconds;
        this.nanoClock = b.nanoClock;
        this.random = b.random;
        this.handshakeListener = b.handshakeListener;
        this.ticketSealer = new TicketSealer(b.random);
    }

    /**
     * @param key the private key of {@code chain.get(0)}: ECDSA P-256/P-384, RSA (signing with
     *     rsa_pss_rsae_*) or Ed25519
     * @param chain the certificate chain to send, leaf first
     */
    public static Builder builder(PrivateKey key, List<X509Certificate> chain) {
        return new Builder(key, chain);
    }

    public PrivateKey key() {
        return key;
    }

    public List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    public boolean enabled(ProtocolVersion version) {
        return versions.contains(version);
    }

    /** The enabled suites of {@code version} in the server's preference order. */
    public List<CipherSuite> cipherSuites(ProtocolVersion version) {
        return cipherSuites.stream().filter(s -> s.version() == version).toList();
    }

    /** Key exchange groups in the server's preference order. */
    public List<NamedGroup> groups() {
        return groups;
    }

    /** Schemes the server signs with (those its key can make) and accepts from clients, in preference order. */
    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** ALPN protocols in the server's preference order; empty if the server does not negotiate ALPN. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /** The verifier for client chains; null when client certificates are not checked (nor requested). */
    public ClientCertificateVerifier clientCertificateVerifier() {
        return clientCertificateVerifier;
    }

    /** ticket_lifetime of the NewSessionTicket sent after the handshake; 0 sends none. */
    public long ticketLifetimeSeconds() {
        return ticketLifetimeSeconds;
    }

    public LongSupplier nanoClock() {
        return nanoClock;
    }

    public SecureRandom random() {
        return random;
    }

    public TlsHandshakeListener handshakeListener() {
        return handshakeListener;
    }

    /** Seals and opens this configuration's session tickets; its key lives as long as the configuration. */
    public TicketSealer ticketSealer() {
        return ticketSealer;
    }

    /** Builder for {@link TlsServerConfig}. */
    public static final class Builder {
        private final PrivateKey key;
        private final List<X509Certificate> certificateChain;
        private Set<ProtocolVersion> versions = EnumSet.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3);
        private List<CipherSuite> cipherSuites = TlsConfig.DEFAULT_CIPHER_SUITES;
        private List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);
        private List<SignatureScheme> signatureSchemes = List.of(
                SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);
        private List<String> applicationProtocols = List.of();
        private ClientAuthentication clientAuthentication = ClientAuthentication.NONE;
        private ClientCertificateVerifier clientCertificateVerifier;
        private long ticketLifetimeSeconds = 7200;
        private LongSupplier nanoClock = System::nanoTime;
        private SecureRandom random = new SecureRandom();
        private TlsHandshakeListener handshakeListener;

        private Builder(PrivateKey key, List<X509Certificate> chain) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the server certificate chain must not be empty");
            }
            this.key = Objects.requireNonNull(key, "key");
            this.certificateChain = List.copyOf(chain);
        }

        public Builder versions(ProtocolVersion... versions) {
            this.versions = EnumSet.copyOf(List.of(versions));
            return this;
        }

        /** Suites in preference order: TLS 1.3 suites and TLS 1.2 ECDHE suites (the server has no static RSA key transport). */
        public Builder cipherSuites(CipherSuite... suites) {
            for (CipherSuite s : suites) {
                if (s.keyExchange() == CipherSuite.KeyExchangeAlgorithm.RSA) {
                    throw new IllegalArgumentException("the server does not implement static RSA key transport: " + s);
                }
            }
            this.cipherSuites = List.of(suites);
            return this;
        }

        public Builder groups(NamedGroup... groups) {
            this.groups = List.of(groups);
            return this;
        }

        public Builder signatureSchemes(SignatureScheme... schemes) {
            this.signatureSchemes = List.of(schemes);
            return this;
        }

        /** ALPN protocol names in preference order (RFC 7301). */
        public Builder applicationProtocols(String... protocols) {
            this.applicationProtocols = TlsConfig.protocolNames(protocols);
            return this;
        }

        /** Asks clients for a certificate and checks a non-empty answer with {@code verifier}. */
        public Builder clientAuthentication(ClientAuthentication mode, ClientCertificateVerifier verifier) {
            this.clientAuthentication = Objects.requireNonNull(mode, "mode");
            this.clientCertificateVerifier = mode == ClientAuthentication.NONE ? null : Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Lifetime of the ticket sent after each handshake, at most 7 days (RFC 8446 §4.6.1); 0 sends no ticket. */
        public Builder ticketLifetimeSeconds(long seconds) {
            if (seconds < 0 || seconds > 604800) {
                throw new IllegalArgumentException("ticket lifetime must be 0..604800 s");
            }
            this.ticketLifetimeSeconds = seconds;
            return this;
        }

        public Builder nanoClock(LongSupplier clock) {
            this.nanoClock = clock;
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        public Builder handshakeListener(TlsHandshakeListener listener) {
            this.handshakeListener = listener;
            return this;
        }

        public TlsServerConfig build() {
            if (versions.isEmpty() || groups.isEmpty()) {
                throw new IllegalStateException("versions and groups must not be empty");
            }
            for (ProtocolVersion v : versions) {
                if (cipherSuites.stream().noneMatch(s -> s.version() == v)) {
                    throw new IllegalStateException("no cipher suite enabled for " + v);
                }
            }
            PublicKey leafKey = certificateChain.get(0).getPublicKey();
            boolean tls13 = versions.contains(ProtocolVersion.TLS_1_3);
            if (signatureSchemes.stream().noneMatch(s -> (!tls13 || s.allowedInTls13Handshake()) && SignatureSigner.canSign(s, leafKey))) {
                throw new IllegalStateException("no configured signature scheme fits the " + leafKey.getAlgorithm() + " certificate key");
            }
            SignatureSigner.checkKeyMatches(key, leafKey, random);
            return new TlsServerConfig(this);
        }
    }
}
