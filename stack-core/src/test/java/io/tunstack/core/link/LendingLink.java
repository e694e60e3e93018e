package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/** A test link that lends its received packets and borrows sent ones, as a TUN link does, recording both. */
public final class LendingLink extends LinkDecorator {
    /** The packets handed back through {@link #reclaim}, in order. */
    public final List<ByteBuf> reclaimed = new ArrayList<>();
    /** The 8 bytes after a 20-byte IPv4 header of each packet transmitted, in hex. */
    public final List<String> transmitted = new ArrayList<>();
    /** The reference count of each packet transmitted or reclaimed, at that moment, in order. */
    public final List<Integer> referenceCounts = new ArrayList<>();
    /** Whether it vouches for every received packet's transport checksum, as a TUN link with offloads does. */
    public boolean validating;

    public LendingLink() {
        super(new MemoryLink(1500));
    }

    /** Makes {@code packet} the next one {@link #receive} returns. */
    public void inject(ByteBuf packet) {
        ((MemoryLink) inner).inject(packet);
    }

    @Override
    public boolean checksumValidated() {
        return validating;
    }

    @Override
    public void reclaim(ByteBuf packet) {
        reclaimed.add(packet);
        referenceCounts.add(packet.refCnt());
    }

    @Override
    public void send(ByteBuf packet) {
        transmit(packet);
        packet.release();
    }

    @Override
    public void transmit(ByteBuf packet) {
        transmitted.add(ByteBufUtil.hexDump(packet, packet.readerIndex() + 20, 8));
        referenceCounts.add(packet.refCnt());
    }
}
