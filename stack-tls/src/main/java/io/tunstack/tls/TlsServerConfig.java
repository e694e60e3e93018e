package io.tunstack.tls;

import io.tunstack.tls.crypto.SignatureSigner;
import io.tunstack.tls.handshake.TicketSealer;
import io.tunstack.tls.handshake.Tls12SessionCache;
import io.tunstack.tls.record.ProtocolVersion;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Immutable TLS 1.3 / TLS 1.2 (ECDHE) server configuration; build with {@link #builder(PrivateKey, List)}. */
public final class TlsServerConfig extends TlsEndpointConfig {

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
    private final ClientAuthentication clientAuthentication;
    private final ClientCertificateVerifier clientCertificateVerifier;
    private final long ticketLifetimeSeconds;
    private final TicketSealer ticketSealer;
    private final Tls12SessionCache tls12SessionCache;

    private TlsServerConfig(Builder b) {
        super(b);
        this.key = b.key;
        this.certificateChain = b.certificateChain;
        this.clientAuthentication = b.clientAuthentication;
        this.clientCertificateVerifier = b.clientCertificateVerifier;
        this.ticketLifetimeSeconds = b.ticketLifetimeSeconds;
        this.ticketSealer = new TicketSealer(random());
        this.tls12SessionCache = b.tls12SessionCacheSize == 0 ? null : new Tls12SessionCache(b.tls12SessionCacheSize);
    }

    /**
     * @param key the private key of {@code chain.get(0)}: ECDSA P-256/P-384, RSA (signing with
     *     rsa_pss_rsae_*, and in TLS 1.2 also rsa_pkcs1_*) or Ed25519
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

    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /** The verifier for client chains; null when client certificates are not checked (nor requested). */
    public ClientCertificateVerifier clientCertificateVerifier() {
        return clientCertificateVerifier;
    }

    /**
     * ticket_lifetime of the NewSessionTicket sent after a TLS 1.3 handshake, and the lifetime of a TLS 1.2
     * session (ticket or cached session ID) from its full handshake on; 0 sends no tickets and resumes nothing.
     */
    public long ticketLifetimeSeconds() {
        return ticketLifetimeSeconds;
    }

    /** Seals and opens this configuration's session tickets; its key lives as long as the configuration. */
    public TicketSealer ticketSealer() {
        return ticketSealer;
    }

    /** TLS 1.2 sessions by session ID for clients that do not use tickets; null if none are cached. */
    public Tls12SessionCache tls12SessionCache() {
        return tls12SessionCache;
    }

    /** Builder for {@link TlsServerConfig}; TLS 1.3 and TLS 1.2 are enabled by default. */
    public static final class Builder extends TlsEndpointConfig.Builder<Builder> {
        private final PrivateKey key;
        private final List<X509Certificate> certificateChain;
        private ClientAuthentication clientAuthentication = ClientAuthentication.NONE;
        private ClientCertificateVerifier clientCertificateVerifier;
        private long ticketLifetimeSeconds = 7200;
        private int tls12SessionCacheSize = 1000;

        private Builder(PrivateKey key, List<X509Certificate> chain) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("the server certificate chain must not be empty");
            }
            this.key = Objects.requireNonNull(key, "key");
            this.certificateChain = List.copyOf(chain);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Suites in preference order: TLS 1.3 suites and TLS 1.2 ECDHE suites (the server has no static RSA key transport). */
        @Override
        public Builder cipherSuites(CipherSuite... suites) {
            for (CipherSuite s : suites) {
                if (s.keyExchange() == CipherSuite.KeyExchangeAlgorithm.RSA) {
                    throw new IllegalArgumentException("the server does not implement static RSA key transport: " + s);
                }
            }
            return super.cipherSuites(suites);
        }

        /** Asks clients for a certificate (TLS 1.3 and 1.2) and checks a non-empty answer with {@code verifier}. */
        public Builder clientAuthentication(ClientAuthentication mode, ClientCertificateVerifier verifier) {
            this.clientAuthentication = Objects.requireNonNull(mode, "mode");
            this.clientCertificateVerifier = mode == ClientAuthentication.NONE ? null : Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Lifetime of the ticket sent after each TLS 1.3 handshake, at most 7 days (RFC 8446 §4.6.1); 0 sends no ticket. */
        public Builder ticketLifetimeSeconds(long seconds) {
            if (seconds < 0 || seconds > 604800) {
                throw new IllegalArgumentException("ticket lifetime must be 0..604800 s");
            }
            this.ticketLifetimeSeconds = seconds;
            return this;
        }

        /**
         * How many TLS 1.2 sessions to keep by session ID (default 1000; 0 keeps none). Only clients that do not
         * ask for an RFC 5077 ticket are given a session ID; the others resume with tickets, which need no cache.
         */
        public Builder tls12SessionCacheSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("session cache size must not be negative");
            }
            this.tls12SessionCacheSize = size;
            return this;
        }

        public TlsServerConfig build() {
            checkShared();
            PublicKey leafKey = certificateChain.get(0).getPublicKey();
            boolean tls13 = enabled(ProtocolVersion.TLS_1_3);
            if (signatureSchemes().stream().noneMatch(s -> (!tls13 || s.allowedInTls13Handshake()) && SignatureSigner.canSign(s, leafKey))) {
                throw new IllegalStateException("no configured signature scheme fits the " + leafKey.getAlgorithm() + " certificate key");
            }
            SignatureSigner.checkKeyMatches(key, leafKey, random());
            return new TlsServerConfig(this);
        }
    }
}
