package io.tunstack.core.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An isolated lab: a network namespace holding a persistent TUN device whose kernel side has the
 * gateway address. Created and removed with the {@code tun-setup/} scripts, so the shell and Java
 * share one recipe. tunstack attaches to the TUN from inside the namespace.
 */
public final class LabNamespace implements AutoCloseable {
    public static final String DEFAULT_GATEWAY = "198.18.0.1/24";
    public static final String DEFAULT_STACK_ADDRESS = "198.18.0.2";

    private final Path scripts;
    private final String netns;
    private final String tun;
    private boolean closed;

    private LabNamespace(Path scripts, String netns, String tun) {
        this.scripts = scripts;
        this.netns = netns;
        this.tun = tun;
    }

    /** A lab with a fresh random namespace name, e.g. {@code ts-3f9a1c}, and TUN {@code tun0}. */
    public static LabNamespace createFresh(int mtu) throws IOException {
        String name = "ts-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24) | 1 << 24).substring(1);
        return create(name, "tun0", DEFAULT_GATEWAY, DEFAULT_STACK_ADDRESS, mtu);
    }

    /** Creates (or reuses, the scripts are idempotent) the namespace and TUN. */
    public static LabNamespace create(String netns, String tun, String gatewayCidr, String stackAddress, int mtu)
            throws IOException {
        Path scripts = locateScripts();
        LabNamespace lab = new LabNamespace(scripts, netns, tun);
        try {
            run(60, List.of(scripts.resolve("lab-up.sh").toString(), "--netns", netns, "--tun", tun,
                    "--gateway", gatewayCidr, "--stack-addr", stackAddress, "--mtu", Integer.toString(mtu)));
        } catch (IOException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /**
     * The {@code tun-setup} folder: from the system property {@code tunstack.home} or the environment
     * variable {@code TUNSTACK_HOME} (the launcher sets it), else found upwards from the working directory.
     */
    public static Path locateScripts() throws IOException {
        String home = System.getProperty("tunstack.home", System.getenv("TUNSTACK_HOME"));
        List<Path> candidates = new ArrayList<>();
        if (home != null) {
            candidates.add(Path.of(home, "tun-setup"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("tun-setup"));
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("lab-up.sh"))) {
                return candidate;
            }
        }
        throw new IOException("cannot find tun-setup/lab-up.sh (set TUNSTACK_HOME to the tunstack folder)");
    }

    public String netns() {
        return netns;
    }

    public String tun() {
        return tun;
    }

    /** Runs a command inside the namespace and returns its exit code and output. */
    public CommandResult exec(long timeoutSeconds, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(command));
        return execute(timeoutSeconds, full);
    }

    /** Starts a long-running process inside the namespace (a server); the caller destroys it. */
    public Process start(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(command));
        return new ProcessBuilder(full).redirectErrorStream(true).start();
    }

    /** Removes the TUN and the namespace; safe to call twice. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        run(60, List.of(scripts.resolve("lab-down.sh").toString(), "--netns", netns, "--tun", tun));
    }

    /** Exit code and combined output of a finished command. */
    public record CommandResult(int exitCode, String output) {
    }

    private static void run(long timeoutSeconds, List<String> command) throws IOException {
        CommandResult result = execute(timeoutSeconds, command);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "): "
                    + result.output().strip());
        }
    }

    private static CommandResult execute(long timeoutSeconds, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try (InputStream in = process.getInputStream()) {
            // read on this thread with the process' own time limit enforced by a watchdog
            Thread watchdog = new Thread(() -> {
                try {
                    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            watchdog.interrupt();
            return new CommandResult(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
