package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;

/** The client's handshake context: the shared {@link HandshakeIo} with the client configuration. */
public final class HandshakeContext extends HandshakeIo {

    private final TlsConfig config;

    public HandshakeContext(TlsConfig config, RecordLayer records, HandshakeReassembler reassembler) {
        super(records, reassembler, config.nanoClock(), config.handshakeListener());
        this.config = config;
    }

    public TlsConfig config() {
        return config;
    }
}
