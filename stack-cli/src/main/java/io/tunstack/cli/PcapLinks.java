package io.tunstack.cli;

import io.tunstack.core.link.PacketLink;
import io.tunstack.core.link.PcapWriter;
import io.tunstack.core.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens a {@link PcapWriter} where the link is built inside a function that cannot throw checked exceptions. */
final class PcapLinks {
    private PcapLinks() {
    }

    static PacketLink open(PacketLink link, Path file, Clock clock) {
        try {
            return new PcapWriter(link, file, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pcap " + file, e);
        }
    }
}
