package io.tunstack.core.udp;

import io.netty.buffer.ByteBuf;

/** Receives the datagrams of one bound {@link UdpSocket}, on the event loop. */
@FunctionalInterface
public interface UdpHandler {
    /**
     * One datagram for {@code socket}. {@code payload} is a slice of the received packet (no copy) that is
     * valid only during this call: retain it (or copy it) to keep the bytes, and do not release it otherwise.
     */
    void onDatagram(UdpSocket socket, int srcAddr, int srcPort, ByteBuf payload);
}
