package io.tunstack.tls.handshake;

import io.tunstack.tls.Tls12SessionState;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;

/** The client's handshake context: the shared {@link HandshakeIo} with the client configuration. */
public final class HandshakeContext extends HandshakeIo {

    private final TlsConfig config;
    /** The TLS 1.2 session this connection put in the store, or null. */
    private Tls12SessionState kept;

    public HandshakeContext(TlsConfig config, RecordLayer records, HandshakeReassembler reassembler) {
        super(records, reassembler, config.nanoClock(), config.handshakeListener());
        this.config = config;
    }

    public TlsConfig config() {
        return config;
    }

    void kept(Tls12SessionState session) {
        kept = session;
    }

    /** RFC 5246 §7.2.2: a connection ended by a fatal alert must not be resumed, so its TLS 1.2 session leaves the store. */
    @Override
    public void invalidateSession() {
        if (kept != null && config.sessionTicketStore() != null) {
            config.sessionTicketStore().removeTls12(kept);
        }
    }
}
