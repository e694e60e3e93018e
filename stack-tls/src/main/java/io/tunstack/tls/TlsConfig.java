package io.tunstack.tls;

import io.tunstack.tls.cert.CertificateVerifier;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureSigner;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Immutable client configuration; build with {@link #builder()}. */
public final class TlsConfig extends TlsEndpointConfig {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String serverName;
    private final List<NamedGroup> keyShareGroups;
    private final CertificateVerifier certificateVerifier;
    private final SessionTicketStore sessionTicketStore;
    private final boolean tls12Tickets;
    private final PrivateKey clientKey;
    private final List<X509Certificate> clientCertificateChain;

    private TlsConfig(Builder b) {
        super(b);
        this.serverName = b.serverName;
        this.keyShareGroups = b.keyShareGroups == null ? List.of(groups().get(0)) : List.copyOf(b.keyShareGroups);
        this.certificateVerifier = b.certificateVerifier;
        this.sessionTicketStore = b.sessionTicketStore;
        this.tls12Tickets = b.tls12Tickets;
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

    /** Groups for which the first TLS 1.3 ClientHello carries a key share. */
    public List<NamedGroup> keyShareGroups() {
        return keyShareGroups;
    }

    /** The verifier for the server's chain, or null when the configuration is explicitly {@code insecure}. */
    public CertificateVerifier certificateVerifier() {
        return certificateVerifier;
    }

    /** The ticket store, or null if tickets are neither kept nor offered. */
    public SessionTicketStore sessionTicketStore() {
        return sessionTicketStore;
    }

    /** TLS 1.2: whether RFC 5077 tickets are asked for and offered (else sessions resume by session ID only). */
    public boolean tls12Tickets() {
        return tls12Tickets;
    }

    /** The private key for client authentication, or null if the client has no certificate. */
    public PrivateKey clientKey() {
        return clientKey;
    }

    /** The client's certificate chain, leaf first; empty if none is configured. */
    public List<X509Certificate> clientCertificateChain() {
        return clientCertificateChain;
    }

    /** Builder for {@link TlsConfig}. Either a certificate verifier or {@link #insecure()} is required. */
    public static final class Builder extends TlsEndpointConfig.Builder<Builder> {
        private String serverName;
        private List<NamedGroup> keyShareGroups;
        private CertificateVerifier certificateVerifier;
        private boolean insecure;
        private SessionTicketStore sessionTicketStore = new SessionTicketStore(4);
        private boolean tls12Tickets = true;
        private PrivateKey clientKey;
        private List<X509Certificate> clientCertificateChain = List.of();

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** Groups to send key shares for in the first ClientHello (each must be in {@link #groups}). */
        public Builder keyShares(NamedGroup... groups) {
            this.keyShareGroups = List.of(groups);
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

        /**
         * Where TLS 1.3 tickets and TLS 1.2 sessions are kept and taken from for resumption; null keeps and offers
         * none (every handshake a full one).
         */
        public Builder sessionTicketStore(SessionTicketStore store) {
            this.sessionTicketStore = store;
            return this;
        }

        /**
         * TLS 1.2: whether to ask for and offer RFC 5077 session tickets (default true). Without, sessions resume
         * only by the session ID a server gives.
         */
        public Builder tls12Tickets(boolean enabled) {
            this.tls12Tickets = enabled;
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
            checkShared();
            if (keyShareGroups != null && (keyShareGroups.isEmpty() || !groups().containsAll(keyShareGroups))) {
                throw new IllegalStateException("key share groups must be a non-empty subset of the groups");
            }
            if (clientKey != null) {
                SignatureSigner.checkKeyMatches(clientKey, clientCertificateChain.get(0).getPublicKey(), random());
            }
            return new TlsConfig(this);
        }
    }
}
