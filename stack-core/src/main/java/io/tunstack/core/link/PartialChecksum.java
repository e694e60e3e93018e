package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.wire.Checksum;

/**
 * Completes a checksum the sender left partial (VIRTIO_NET_HDR_F_NEEDS_CSUM, Linux CHECKSUM_PARTIAL): the field
 * at csum_start + csum_offset holds the pseudo-header sum, "so that replacing it by the ones' complement checksum
 * of the TCP header and body will give the correct result" (virtio 1.x §5.1.6.2 point 1).
 */
final class PartialChecksum {
    private PartialChecksum() {
    }

    /**
     * Stores the checksum of the readable bytes of {@code packet} from {@code csumStart} to the end at
     * {@code csumStart + csumOffset}. Returns false, changing nothing, when the field lies outside the packet.
     */
    static boolean complete(ByteBuf packet, int csumStart, int csumOffset) {
        int start = packet.readerIndex() + csumStart;
        int field = start + csumOffset;
        if (field + 2 > packet.writerIndex()) {
            return false;
        }
        int checksum = Checksum.complement(Checksum.sum(packet, start, packet.writerIndex() - start, 0));
        // RFC 768: a computed UDP checksum of zero is sent as all ones (zero means "none"); for TCP both verify.
        packet.setShort(field, checksum == 0 ? 0xFFFF : checksum);
        return true;
    }
}
