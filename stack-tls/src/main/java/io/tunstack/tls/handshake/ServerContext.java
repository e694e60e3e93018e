package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;

/** The server's handshake context: the shared {@link HandshakeIo} with the server configuration. */
public final class ServerContext extends HandshakeIo {

    private final TlsServerConfig config;
    /** The session_id under which this connection's TLS 1.2 session is cached, or null. */
    private byte[] cachedSessionId;

    public ServerContext(TlsServerConfig config, RecordLayer records, HandshakeReassembler reassembler) {
        super(records, reassembler, config.nanoClock(), config.handshakeListener());
        this.config = config;
    }

    public TlsServerConfig config() {
        return config;
    }

    void cachedSessionId(byte[] sessionId) {
        cachedSessionId = sessionId;
    }

    /** RFC 5246 §7.2.2: a connection ended by a fatal alert must not be resumed, so its cached TLS 1.2 session goes. */
    @Override
    public void invalidateSession() {
        if (cachedSessionId != null) {
            config.tls12SessionCache().remove(cachedSessionId);
        }
    }
}
