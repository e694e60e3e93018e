package io.tunstack.core.stack;

import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.Ipv4Address;

/**
 * An ICMP error about a datagram this host sent (RFC 1122 §3.2.2): Destination Unreachable or Time Exceeded,
 * from {@code reporter}, about the datagram from {@code localAddr} to {@code remoteAddr}. {@code nextHopMtu} is
 * the MTU a router announced with Fragmentation Needed (RFC 1191 §4), 0 when it gave none.
 */
public record IcmpError(int type, int code, int nextHopMtu, int reporter, int localAddr, int remoteAddr) {
    /** RFC 792: Fragmentation needed and DF set. */
    public static final int CODE_FRAGMENTATION_NEEDED = 4;

    /** Fragmentation Needed: path MTU discovery's signal (RFC 1191). */
    public boolean isFragmentationNeeded() {
        return type == IcmpPacket.TYPE_DESTINATION_UNREACHABLE && code == CODE_FRAGMENTATION_NEEDED;
    }

    /**
     * Protocol or port unreachable: the destination host itself refuses (RFC 1122 §4.2.3.9 "hard" errors; RFC
     * 5461 §4 lets TCP abort on them only while opening).
     */
    public boolean isRefusal() {
        return type == IcmpPacket.TYPE_DESTINATION_UNREACHABLE
                && (code == IcmpPacket.CODE_PROTOCOL_UNREACHABLE || code == IcmpPacket.CODE_PORT_UNREACHABLE);
    }

    /** Short description for errors and traces, e.g. {@code port unreachable from 198.18.0.1}. */
    public String describe() {
        String what = switch (type) {
            case IcmpPacket.TYPE_TIME_EXCEEDED -> "time exceeded";
            case IcmpPacket.TYPE_DESTINATION_UNREACHABLE -> switch (code) {
                case IcmpPacket.CODE_NET_UNREACHABLE -> "network unreachable";
                case IcmpPacket.CODE_HOST_UNREACHABLE -> "host unreachable";
                case IcmpPacket.CODE_PROTOCOL_UNREACHABLE -> "protocol unreachable";
                case IcmpPacket.CODE_PORT_UNREACHABLE -> "port unreachable";
                case CODE_FRAGMENTATION_NEEDED -> "fragmentation needed (next-hop MTU " + nextHopMtu + ")";
                default -> "destination unreachable (code " + code + ")";
            };
            default -> "ICMP type " + type + " code " + code;
        };
        return what + " from " + Ipv4Address.format(reporter);
    }
}
