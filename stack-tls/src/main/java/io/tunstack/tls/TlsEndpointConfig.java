package io.tunstack.tls;

import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What client ({@link TlsConfig}) and server ({@link TlsServerConfig}) configurations share: versions,
 * suites, groups and signature schemes in preference order, ALPN protocols, clock, randomness and the
 * handshake listener. Immutable.
 */
public abstract sealed class TlsEndpointConfig permits TlsConfig, TlsServerConfig {

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

    private final Set<ProtocolVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> applicationProtocols;
    private final LongSupplier nanoClock;
    private final SecureRandom random;
    private final TlsHandshakeListener handshakeListener;

    TlsEndpointConfig(Builder<?> b) {
        this.versions = EnumSet.copyOf(b.versions);
        this.cipherSuites = b.cipherSuites.stream().filter(s -> versions.contains(s.version())).toList();
        this.groups = List.copyOf(b.groups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.nanoClock = b.nanoClock;
        this.random = b.random;
        this.handshakeListener = b.handshakeListener;
    }

    public boolean enabled(ProtocolVersion version) {
        return versions.contains(version);
    }

    /** The suites of the enabled versions, in preference order. */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** The enabled suites of {@code version}, in preference order. */
    public List<CipherSuite> cipherSuites(ProtocolVersion version) {
        return cipherSuites.stream().filter(s -> s.version() == version).toList();
    }

    /** Key exchange groups in preference order. */
    public List<NamedGroup> groups() {
        return groups;
    }

    /** Signature schemes in preference order: what we accept from the peer, and what we may sign with. */
    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** ALPN protocols in preference order; empty if ALPN is not negotiated. */
    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Source of the handshake timeline's nanosecond timestamps. */
    public LongSupplier nanoClock() {
        return nanoClock;
    }

    public SecureRandom random() {
        return random;
    }

    /** The listener for live handshake steps, or null if none is set. */
    public TlsHandshakeListener handshakeListener() {
        return handshakeListener;
    }

    /** The shared part of both builders; {@code B} is the concrete builder, returned for chaining. */
    public abstract static sealed class Builder<B extends Builder<B>> permits TlsConfig.Builder, TlsServerConfig.Builder {
        private Set<ProtocolVersion> versions = EnumSet.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3);
        private List<CipherSuite> cipherSuites = DEFAULT_CIPHER_SUITES;
        private List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);
        private List<SignatureScheme> signatureSchemes = List.of(
                SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);
        private List<String> applicationProtocols = List.of();
        private LongSupplier nanoClock = System::nanoTime;
        private SecureRandom random = new SecureRandom();
        private TlsHandshakeListener handshakeListener;

        Builder() {
        }

        abstract B self();

        public B versions(ProtocolVersion... versions) {
            this.versions = EnumSet.copyOf(List.of(versions));
            return self();
        }

        /** Suites in preference order (static RSA suites only for a client, and only when listed here). */
        public B cipherSuites(CipherSuite... suites) {
            this.cipherSuites = List.of(suites);
            return self();
        }

        /** Groups in preference order (a client by default sends a key share for the first). */
        public B groups(NamedGroup... groups) {
            this.groups = List.of(groups);
            return self();
        }

        public B signatureSchemes(SignatureScheme... schemes) {
            this.signatureSchemes = List.of(schemes);
            return self();
        }

        /** ALPN protocol names in preference order, each 1..255 bytes (RFC 7301 §3.1). */
        public B applicationProtocols(String... protocols) {
            for (String p : protocols) {
                int length = p.getBytes(StandardCharsets.US_ASCII).length;
                if (length == 0 || length > 255) {
                    throw new IllegalArgumentException("ALPN protocol name must be 1..255 bytes: " + p);
                }
            }
            this.applicationProtocols = List.of(protocols);
            return self();
        }

        /** Source of the handshake timeline's nanosecond timestamps. */
        public B nanoClock(LongSupplier clock) {
            this.nanoClock = clock;
            return self();
        }

        public B random(SecureRandom random) {
            this.random = random;
            return self();
        }

        /** Receives each handshake step as it happens (default: none); see {@link TlsHandshakeListener} for its contract. */
        public B handshakeListener(TlsHandshakeListener listener) {
            this.handshakeListener = listener;
            return self();
        }

        List<NamedGroup> groups() {
            return groups;
        }

        List<SignatureScheme> signatureSchemes() {
            return signatureSchemes;
        }

        SecureRandom random() {
            return random;
        }

        /** Versions, groups and schemes must not be empty, and every enabled version needs a suite. */
        void checkShared() {
            if (versions.isEmpty() || groups.isEmpty() || signatureSchemes.isEmpty()) {
                throw new IllegalStateException("versions, groups and signature schemes must not be empty");
            }
            for (ProtocolVersion v : versions) {
                if (cipherSuites.stream().noneMatch(s -> s.version() == v)) {
                    throw new IllegalStateException("no cipher suite enabled for " + v);
                }
            }
        }

        boolean enabled(ProtocolVersion version) {
            return versions.contains(version);
        }
    }
}
