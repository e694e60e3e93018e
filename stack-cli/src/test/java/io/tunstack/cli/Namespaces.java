package io.tunstack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The named network namespaces that exist now ({@code ip netns list}). */
final class Namespaces {
    private Namespaces() {
    }

    static Set<String> list() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return Arrays.stream(text.split("\\R")).filter(l -> !l.isBlank()).map(l -> l.split(" ")[0])
                .collect(Collectors.toSet());
    }
}
