package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.time.Clock;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A link decorator that records every packet in both directions to a classic pcap file
 * (LINKTYPE_RAW: each record is a bare IPv4 packet), readable by Wireshark and tshark.
 * Timestamps come from the stack's {@link Clock}, anchored to the wall clock when the file opens,
 * so simulated runs get simulated time.
 */
public final class PcapWriter extends ObservingLink {
    /** tcpdump.org link-layer header types: 101 = raw IPv4/IPv6. */
    static final int LINKTYPE_RAW = 101;
    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final Clock clock;
    private final long wallMicrosAtStart;
    private final long clockNanosAtStart;
    private final ByteBuffer recordHeader = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] copy = new byte[2048];
    private long packets;

    public PcapWriter(PacketLink inner, Path file, Clock clock) throws IOException {
        super(inner);
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.clock = clock;
        this.wallMicrosAtStart = System.currentTimeMillis() * 1000;
        this.clockNanosAtStart = clock.nanoTime();
        writeFileHeader();
    }

    private void writeFileHeader() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_MICROSECONDS)
                .putShort((short) 2) // version 2.4
                .putShort((short) 4)
                .putInt(0) // thiszone
                .putInt(0) // sigfigs
                .putInt(SNAPLEN)
                .putInt(LINKTYPE_RAW);
        out.write(header.array());
    }

    @Override
    protected void received(ByteBuf packet) {
        record(packet);
    }

    @Override
    protected void sending(ByteBuf packet) {
        record(packet);
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    private void record(ByteBuf packet) {
        int length = packet.readableBytes();
        int captured = Math.min(length, SNAPLEN);
        long micros = wallMicrosAtStart + (clock.nanoTime() - clockNanosAtStart) / 1000;
        recordHeader.clear();
        recordHeader.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(captured).putInt(length);
        if (copy.length < captured) {
            copy = new byte[Integer.highestOneBit(captured) << 1];
        }
        packet.getBytes(packet.readerIndex(), copy, 0, captured);
        try {
            out.write(recordHeader.array(), 0, 16);
            out.write(copy, 0, captured);
        } catch (IOException e) {
            throw new UncheckedIOException("writing pcap record", e);
        }
        packets++;
    }

    /** Writes buffered records to the file. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing pcap file", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing pcap file", e);
        } finally {
            inner.close();
        }
    }
}
