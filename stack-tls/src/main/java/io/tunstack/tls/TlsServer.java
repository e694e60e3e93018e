package io.tunstack.tls;

import io.tunstack.tls.handshake.ExpectClientHello;
import io.tunstack.tls.handshake.HandshakeDriver;
import io.tunstack.tls.handshake.ServerContext;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;

/**
 * A TLS 1.3 / TLS 1.2 server connection without I/O (see {@link TlsConnection}): it waits for the
 * ClientHello, answers with its flight, and is connected once the client's Finished checks out. Not
 * thread-safe.
 */
public final class TlsServer extends TlsConnection {

    public TlsServer(TlsServerConfig config) {
        this(config, new RecordLayer(), new HandshakeReassembler());
    }

    private TlsServer(TlsServerConfig config, RecordLayer records, HandshakeReassembler reassembler) {
        super(records, reassembler, new HandshakeDriver<>(new ServerContext(config, records, reassembler), ExpectClientHello.start()));
    }
}
