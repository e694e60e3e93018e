package io.tunstack.cli;

import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.link.PcapWriter;
import io.tunstack.core.link.TunLink;
import io.tunstack.core.stack.EventLoop;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.nativ.TunDevice;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Brings the stack up on a TUN and keeps it running: it answers pings until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the stack on a TUN device until Ctrl-C (or --seconds): it answers pings.",
                "Example: sudo ./tunstack up --netns lab   then   sudo ip netns exec lab ping 198.18.0.2"})
final class UpCommand implements Callable<Integer> {
    @Mixin
    LinkOptions link = new LinkOptions();

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds instead of waiting for Ctrl-C.")
    Integer seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int address = Ipv4Address.parse(link.address);
        LabNamespace lab = link.netns != null && !Files.exists(Path.of("/var/run/netns", link.netns))
                ? LabNamespace.create(link.netns, link.tun, link.gateway, link.address, link.mtu) : null;
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        // On Ctrl-C the JVM runs this hook; it holds the exit until the namespace is removed.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                cleanedUp.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TunDevice tun = TunDevice.open(link.tun, link.netns);
            PacketLink packets = new TunLink(tun, PooledByteBufAllocator.DEFAULT);
            if (link.pcap != null) {
                packets = new PcapWriter(packets, link.pcap, SystemClock.INSTANCE);
            }
            NetStack stack = new NetStack(packets, address, PooledByteBufAllocator.DEFAULT);
            try (EventLoop loop = EventLoop.start(stack, SystemClock.INSTANCE, "tunstack-loop")) {
                out.printf("tunstack up on %s%s as %s; Ctrl-C to stop%n", tun.name(),
                        link.netns == null ? "" : " in netns " + link.netns, link.address);
                out.flush();
                if (seconds != null) {
                    stop.await(seconds, TimeUnit.SECONDS);
                } else {
                    stop.await();
                }
            }
            out.println("counters: " + stack.counters());
            return ExitCodes.OK;
        } finally {
            if (lab != null) {
                lab.close();
            }
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook: nothing to remove
            }
        }
    }
}
