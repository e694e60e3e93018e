package io.tunstack.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunstack.core.time.VirtualClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture between the stack and a TUN-like link keeps the stack's lending: it records, and takes no references. */
class ObservingLinkTest {

    private static ByteBuf packet(int marker) {
        ByteBuf packet = Unpooled.directBuffer(28);
        packet.writeZero(20).writeLong(marker);
        return packet;
    }

    @Test
    void pcapRecordsLentPacketsAndPassesTheLendingThrough(@TempDir Path dir) throws Exception {
        LendingLink tun = new LendingLink();
        PcapWriter pcap = new PcapWriter(tun, dir.resolve("lent.pcap"), new VirtualClock());
        ByteBuf sent = packet(1);
        ByteBuf received = packet(2);
        tun.inject(received);

        pcap.transmit(sent);
        assertSame(received, pcap.receive());
        pcap.reclaim(received);

        assertEquals(List.of("0000000000000001"), tun.transmitted, "the inner link transmitted the packet itself");
        assertEquals(List.of(received), tun.reclaimed, "the received packet went back to the inner link");
        assertEquals(List.of(1, 1), tun.referenceCounts, "no reference taken or given on the way");
        pcap.close();
        List<PcapReader.Record> records = PcapReader.read(dir.resolve("lent.pcap"));
        assertEquals(2, records.size());
        assertArrayEquals(ByteBufUtil.getBytes(sent), records.get(0).data());
        assertArrayEquals(ByteBufUtil.getBytes(received), records.get(1).data());
        sent.release();
        received.release();
    }

    @Test
    void aCaptureKeepsTheLinksChecksumValidationAndAnImpairmentDropsIt(@TempDir Path dir) throws Exception {
        LendingLink tun = new LendingLink();
        PcapWriter pcap = new PcapWriter(tun, dir.resolve("validated.pcap"), new VirtualClock());
        ImpairmentLink impaired = new ImpairmentLink(tun, new VirtualClock(), 1, Impairment.NONE, Impairment.NONE);
        assertFalse(pcap.checksumValidated());
        tun.validating = true;
        assertTrue(pcap.checksumValidated(), "watching changes no byte");
        assertFalse(impaired.checksumValidated(), "a link that may corrupt bytes vouches for none");
        pcap.close();
    }
}
