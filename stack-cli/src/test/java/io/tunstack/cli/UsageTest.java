package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Help and usage errors: exit code 2 and one line on stderr, before anything is set up (no root needed). */
class UsageTest {
    private static void assertUsage(String expectedText, String... args) {
        CliRun run = CliRun.run(args);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("tunstack: ") && run.stderr().strip().lines().count() == 1, run.stderr());
        assertTrue(run.stderr().contains(expectedText), run.stderr());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertUsage("only http:// and https://", "fetch", "ftp://198.18.0.1/");
        assertUsage("unknown congestion control: bbr (known: [cubic, newreno])", "fetch", "--cc", "bbr", "http://198.18.0.1/");
        assertUsage("unknown loss detection: fack (known: rack, dupthresh)", "sim", "--loss-detection", "fack");
        assertUsage("--prr is on or off, not maybe", "sim", "--prr", "maybe");
        assertUsage("--tls must be 1.2 or 1.3", "fetch", "--tls", "1.4", "https://198.18.0.1/");
        assertUsage("unknown cipher suite 'RC4-MD5'", "fetch", "--ciphers", "RC4-MD5", "https://198.18.0.1/");
        assertUsage("--resolve wants HOST:PORT:ADDR", "fetch", "--resolve", "x.test:80", "http://x.test/");
        assertUsage("--addr: not a dotted-quad", "fetch", "--addr", "300.1.1.1", "http://198.18.0.1/");
        assertUsage("Missing required parameter: 'URL'", "fetch");
        assertUsage("Unknown option: '--bogus'", "fetch", "--bogus", "http://198.18.0.1/");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"fetch", "listen", "demo", "sim", "up"}) {
            CliRun run = CliRun.run(command, "--help");
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.stdout().contains("Usage: tunstack " + command), run.stdout());
            assertTrue(run.stdout().contains("Example:"), command + " help has an example");
        }
    }

    @Test
    void theLauncherScriptPrintsHelpAndExits2OnAUsageError() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("tunstack");
        assertTrue(Files.isExecutable(launcher), launcher.toString());
        Process help = start(launcher, ProcessBuilder.Redirect.DISCARD, "--help");
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), text);
        assertTrue(text.contains("fetch") && text.contains("demo") && text.contains("sim"), text);

        Process usage = start(launcher, ProcessBuilder.Redirect.PIPE, "fetch");
        String err = new String(usage.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(usage.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, usage.exitValue(), err);
        assertTrue(err.contains("tunstack: Missing required parameter: 'URL'"), err);
    }

    private static Process start(Path launcher, ProcessBuilder.Redirect stderr, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = launcher.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr)
                .redirectInput(new File("/dev/null"));
        // Run the launcher on this build's classes: a nested Maven build inside `mvn verify` would rewrite
        // the target folders this very test run is using.
        builder.environment().put("TUNSTACK_CLASSPATH", System.getProperty("java.class.path"));
        return builder.start();
    }
}
