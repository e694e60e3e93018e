package io.tunstack.core.udp;

import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.link.TunLink;
import io.tunstack.core.stack.EventLoop;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.nativ.TunDevice;
import java.io.IOException;

/**
 * A fresh lab namespace whose TUN is driven by a {@link NetStack} with a {@link UdpLayer} at the stack address,
 * on its own {@link EventLoop}. Closing stops the loop and removes the namespace, also after a failure.
 */
public final class TunUdpLab implements AutoCloseable {
    public static final int STACK = Ipv4Address.parse(LabNamespace.DEFAULT_STACK_ADDRESS);
    /** The kernel side of the TUN, where servers in the namespace listen. */
    public static final int GATEWAY = Ipv4Address.parse("198.18.0.1");

    public final LabNamespace lab;
    public final NetStack stack;
    public final UdpLayer udp;
    public final EventLoop loop;

    private TunUdpLab(LabNamespace lab, NetStack stack, UdpLayer udp, EventLoop loop) {
        this.lab = lab;
        this.stack = stack;
        this.udp = udp;
        this.loop = loop;
    }

    public static TunUdpLab start(String name) throws IOException {
        LabNamespace lab = LabNamespace.createFresh(1500);
        try {
            TunDevice tun = TunDevice.open(lab.tun(), lab.netns());
            NetStack stack = new NetStack(new TunLink(tun, PooledByteBufAllocator.DEFAULT), STACK,
                    PooledByteBufAllocator.DEFAULT);
            UdpLayer udp = new UdpLayer(stack);
            stack.register(IpProtocol.UDP, udp);
            return new TunUdpLab(lab, stack, udp, EventLoop.start(stack, SystemClock.INSTANCE, name));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            loop.close();
        } finally {
            lab.close();
        }
    }
}
