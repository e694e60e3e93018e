package io.tunstack.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tunstack.nativ.NetNamespace;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;

/**
 * The demo's HTTPS server: the JDK's HttpsServer, created on a thread that has entered the lab namespace,
 * so its listening socket lives there (on the TUN's kernel side) and is reachable only through tunstack.
 */
final class DemoServer implements AutoCloseable {
    static final String PAGE = "<!doctype html>\n<html><head><title>tunstack demo</title></head>\n"
            + "<body><h1>Hello from inside the namespace</h1>\n"
            + "<p>This page crossed tunstack TCP and tunstack TLS.</p></body></html>\n";

    private final HttpsServer server;

    private DemoServer(HttpsServer server) {
        this.server = server;
    }

    static DemoServer start(String netns, String address, int port, SSLContext tls) throws Exception {
        HttpsServer server = NetNamespace.call(netns, () -> HttpsServer.create(new InetSocketAddress(address, port), 16));
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        server.start();
        return new DemoServer(server);
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
    }
}
