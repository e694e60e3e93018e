package io.tunstack.tls;

import io.tunstack.tls.handshake.ExpectServerHello;
import io.tunstack.tls.handshake.HandshakeContext;
import io.tunstack.tls.handshake.HandshakeDriver;
import io.tunstack.tls.record.HandshakeReassembler;
import io.tunstack.tls.record.RecordLayer;

/**
 * A TLS 1.2/1.3 client connection without I/O (see {@link TlsConnection}). The ClientHello is queued
 * on construction. Not thread-safe.
 */
public final class TlsClient extends TlsConnection {

    /** @throws TlsException if the handshake listener throws on the ClientHello step (internal_error) */
    public TlsClient(TlsConfig config) throws TlsException {
        this(config, new RecordLayer(), new HandshakeReassembler());
    }

    private TlsClient(TlsConfig config, RecordLayer records, HandshakeReassembler reassembler) throws TlsException {
        super(records, reassembler, start(new HandshakeContext(config, records, reassembler)));
    }

    private static HandshakeDriver<HandshakeContext> start(HandshakeContext context) throws TlsException {
        return new HandshakeDriver<>(context, ExpectServerHello.start(context));
    }
}
