package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;

/** The server's handshake context: the shared {@link HandshakeIo} with the server configuration. */
public final class ServerContext extends HandshakeIo {

    private final TlsServerConfig config;

    public ServerContext(TlsServerConfig config, RecordLayer records, HandshakeReassembler reassembler) {
        super(records, reassembler, config.nanoClock(), config.handshakeListener());
        this.config = config;
    }

    public TlsServerConfig config() {
        return config;
    }
}
