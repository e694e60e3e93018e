package io.tunstack.testing;

import io.tunstack.core.lab.LabNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code tcp_peer.py} (kernel TCP peers) inside a lab namespace. */
public final class KernelPeer implements AutoCloseable {
    private static Path script;

    private final Process process;
    private final BufferedReader output;

    private KernelPeer(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static synchronized Path script() throws IOException {
        if (script == null) {
            script = Files.createTempFile("tcp_peer", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = KernelPeer.class.getResourceAsStream("/tcp_peer.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        return script;
    }

    /** Starts a peer; for server modes, returns once it is listening. */
    public static KernelPeer start(LabNamespace lab, String mode, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", script().toString(), mode));
        command.addAll(List.of(args));
        KernelPeer peer = new KernelPeer(lab.start(command.toArray(String[]::new)));
        if (mode.endsWith("-server")) {
            String line = peer.nextLine();
            if (!"ready".equals(line)) {
                peer.close();
                throw new IOException(mode + " did not start: " + line);
            }
        }
        return peer;
    }

    /** The next line the peer printed, or null at its end. */
    public String nextLine() {
        try {
            return output.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
