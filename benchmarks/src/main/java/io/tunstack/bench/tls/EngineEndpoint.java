package io.tunstack.bench.tls;

import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;

/**
 * An {@link SSLEngine} (SunJSSE or BCJSSE) as an {@link Endpoint}; delegated tasks run inline. A client engine
 * made without a peer host never resumes a session; one made with the peer host and port resumes from the
 * context's session cache. Clients send SNI and check the server's name (endpoint identification "HTTPS") as
 * our client does.
 */
final class EngineEndpoint implements Endpoint {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** The port a resuming client names; nothing listens there, it only keys the session cache. */
    private static final int PEER_PORT = 443;

    final SSLEngine engine;
    private final ByteBuffer received;

    private EngineEndpoint(SSLEngine engine) {
        this.engine = engine;
        this.received = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    static EngineEndpoint client(SSLContext context, String protocol, String suite) throws Exception {
        return client(context, protocol, suite, false);
    }

    /** @param resume whether to name the peer, so that the engine offers the session cached for it */
    static EngineEndpoint client(SSLContext context, String protocol, String suite, boolean resume) throws Exception {
        SSLEngine engine = resume ? context.createSSLEngine(Pki.SERVER_NAME, PEER_PORT) : context.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setCipherSuites(new String[] {suite});
        parameters.setServerNames(List.of(new SNIHostName(Pki.SERVER_NAME)));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        engine.beginHandshake();
        return new EngineEndpoint(engine);
    }

    static EngineEndpoint server(SSLContext context, String protocol, String suite) throws Exception {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.setEnabledCipherSuites(new String[] {suite});
        engine.beginHandshake();
        return new EngineEndpoint(engine);
    }

    @Override
    public int produce(ByteBuffer out) throws Exception {
        int start = out.position();
        while (settledStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult result = engine.wrap(EMPTY, out);
            check(result);
            if (result.bytesProduced() == 0 && settledStatus() == HandshakeStatus.NEED_WRAP) {
                throw new IllegalStateException("wrap made no progress: " + result);
            }
        }
        return out.position() - start;
    }

    @Override
    public void consume(ByteBuffer in) throws Exception {
        while (in.hasRemaining()) {
            received.clear();
            SSLEngineResult result = engine.unwrap(in, received);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                return; // a partial record: wait for the rest
            }
            check(result);
            // Delegated tasks run before the next record; an engine that must answer first consumes nothing.
            if (settledStatus() == HandshakeStatus.NEED_WRAP && result.bytesConsumed() == 0) {
                return;
            }
        }
    }

    @Override
    public boolean handshakeDone() {
        return settledStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Runs any delegated tasks, then returns the handshake status. */
    private HandshakeStatus settledStatus() {
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status == HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            status = engine.getHandshakeStatus();
        }
        return status;
    }

    private static void check(SSLEngineResult result) {
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("SSLEngine: " + result);
        }
    }
}
