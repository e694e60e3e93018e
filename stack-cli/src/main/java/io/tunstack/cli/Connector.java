package io.tunstack.cli;

import io.tunstack.cli.http.HttpUrl;
import io.tunstack.core.socket.Host;
import io.tunstack.core.socket.TcpSocket;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsStreams;
import java.io.IOException;
import java.time.Duration;

/**
 * Opens connections for URLs: resolve the name, connect tunstack TCP, and run our TLS handshake for https
 * (whose steps reach the listener in the {@link TlsConfigs}' configuration as they happen).
 */
final class Connector {
    /** The TLS client configuration for a server name. */
    @FunctionalInterface
    interface TlsConfigs {
        TlsConfig forServer(String serverName) throws IOException;
    }

    private final Host host;
    private final NameResolver resolver;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final TlsConfigs tlsConfigs;
    private final EventLog log;

    Connector(Host host, NameResolver resolver, Duration connectTimeout, Duration readTimeout, TlsConfigs tlsConfigs,
            EventLog log) {
        this.host = host;
        this.resolver = resolver;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tlsConfigs = tlsConfigs;
        this.log = log;
    }

    Connection open(HttpUrl url) throws IOException {
        TlsConfig tlsConfig = url.https() ? tlsConfigs.forServer(url.host()) : null;
        int address = resolver.resolve(url.host(), url.port());
        log.note(System.nanoTime(), "connecting to " + url.host() + " = " + Ipv4Address.format(address) + ":" + url.port());
        TcpSocket socket = host.connect(address, url.port(), connectTimeout);
        socket.setReadTimeout(readTimeout);
        if (tlsConfig == null) {
            return new Connection(socket, null, null);
        }
        try {
            TlsStreams tls = new TlsStreams(tlsConfig, socket.getInputStream(), socket.getOutputStream());
            return new Connection(socket, tls, tls.handshake());
        } catch (IOException | RuntimeException e) {
            socket.abort();
            throw e;
        }
    }
}
