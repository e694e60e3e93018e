package io.tunstack.core.udp;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.stack.IcmpError;

/** Receives the datagrams of one bound {@link UdpSocket}, on the event loop. */
@FunctionalInterface
public interface UdpHandler {
    /**
     * One datagram for {@code socket}. {@code payload} is a slice of the received packet (no copy) that is
     * valid only during this call: retain it (or copy it) to keep the bytes, and do not release it otherwise.
     */
    void onDatagram(UdpSocket socket, int srcAddr, int srcPort, ByteBuf payload);

    /**
     * An ICMP error about a datagram this socket sent to {@code remotePort} at {@code error.remoteAddr()} (RFC
     * 1122 §4.1.3.3: UDP passes ICMP errors up to the application), e.g. port unreachable when nothing listens.
     */
    default void onIcmpError(UdpSocket socket, IcmpError error, int remotePort) {
    }
}
