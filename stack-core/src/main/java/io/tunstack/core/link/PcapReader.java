package io.tunstack.core.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a classic LINKTYPE_RAW pcap file (as {@link PcapWriter} writes it) back into packets. */
public final class PcapReader {
    /** One captured packet: its timestamp in microseconds since the epoch and its bytes. */
    public record Record(long timestampMicros, int originalLength, byte[] data) {
    }

    private PcapReader() {
    }

    public static List<Record> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < 24) {
            throw new IOException(file + ": too short for a pcap header");
        }
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != PcapWriter.MAGIC_MICROSECONDS) {
            in.order(ByteOrder.BIG_ENDIAN);
            if (in.getInt(0) != PcapWriter.MAGIC_MICROSECONDS) {
                throw new IOException(file + ": not a microsecond pcap file");
            }
        }
        int linkType = in.getInt(20);
        if (linkType != PcapWriter.LINKTYPE_RAW) {
            throw new IOException(file + ": link type " + linkType + ", expected LINKTYPE_RAW");
        }
        in.position(24);
        List<Record> records = new ArrayList<>();
        while (in.remaining() >= 16) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            long micros = Integer.toUnsignedLong(in.getInt());
            int captured = in.getInt();
            int original = in.getInt();
            if (captured < 0 || captured > in.remaining()) {
                throw new IOException(file + ": truncated record " + records.size());
            }
            byte[] data = new byte[captured];
            in.get(data);
            records.add(new Record(seconds * 1_000_000 + micros, original, data));
        }
        return records;
    }
}
