package io.tunstack.cli;

import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.link.PcapWriter;
import io.tunstack.core.link.TunLink;
import io.tunstack.core.socket.Host;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.nativ.TunDevice;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A running tunstack {@link Host} on a TUN device, with the lab namespace it may have created. Closing stops
 * the host and removes whatever this session created; a shutdown hook does the same on Ctrl-C, so no
 * namespace is left behind however the command ends.
 */
final class StackSession implements AutoCloseable {
    private final String netns;
    private final Thread hook = new Thread(this::close, "tunstack-cleanup");
    private final CountDownLatch closed = new CountDownLatch(1);
    private LabNamespace created;
    private Host host;

    private StackSession(String netns) {
        this.netns = netns;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What to attach to and what to record; {@code decorate} may wrap the link (e.g. to watch packets). */
    record Setup(TcpConfig tcp, Path pcap, TcpEventSink events, UnaryOperator<PacketLink> decorate) {
    }

    /**
     * Attaches to the TUN of {@code link} at {@code address}; with {@code --netns} naming a missing namespace,
     * creates it (and the TUN in it) first.
     */
    static StackSession start(LinkOptions link, int address, Setup setup) throws IOException {
        StackSession session = new StackSession(link.netns);
        try {
            if (link.netns != null && !Files.exists(Path.of("/var/run/netns", link.netns))) {
                session.adopt(LabNamespace.create(link.netns, link.tun, link.gateway, link.address, setup.tcp().mtu()));
            }
            return session.attach(link.tun, link.offload, address, setup);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Creates a fresh lab namespace (removed again on close) with the default addresses and attaches to it. */
    static StackSession startFresh(Setup setup) throws IOException {
        LabNamespace lab = LabNamespace.createFresh(setup.tcp().mtu());
        StackSession session = new StackSession(lab.netns());
        try {
            session.adopt(lab);
            return session.attach(lab.tun(), false, Ipv4Address.parse(LabNamespace.DEFAULT_STACK_ADDRESS), setup);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Takes ownership of a created namespace; if Ctrl-C already closed the session, removes it at once. */
    private synchronized void adopt(LabNamespace lab) throws IOException {
        if (closed.getCount() == 0) {
            lab.close();
            throw new InterruptedIOException("interrupted while creating namespace " + lab.netns());
        }
        created = lab;
    }

    private StackSession attach(String tunName, boolean offloads, int address, Setup setup) throws IOException {
        PacketLink link = new TunLink(TunDevice.open(tunName, netns, offloads), PooledByteBufAllocator.DEFAULT);
        Host started;
        try {
            if (setup.pcap() != null) {
                link = new PcapWriter(link, setup.pcap(), SystemClock.INSTANCE);
            }
            link = setup.decorate().apply(link);
            started = Host.builder(link, address).tcp(setup.tcp()).events(setup.events()).start();
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
        synchronized (this) {
            host = started;
            if (closed.getCount() == 0) {
                started.close();
                throw new InterruptedIOException("interrupted while starting the stack");
            }
        }
        return this;
    }

    Host host() {
        return host;
    }

    /** The namespace the TUN lives in, or null for the caller's own. */
    String netns() {
        return netns;
    }

    /** Waits until the session is closed (by Ctrl-C) or {@code timeout} passes; null waits forever. */
    void awaitClosed(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            closed.await();
        } else {
            closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the host and removes the namespace this session created. Idempotent; also run by Ctrl-C. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            try {
                if (created != null) {
                    created.close();
                }
            } catch (IOException e) {
                System.err.println("tunstack: could not remove namespace " + netns + ": " + e.getMessage());
            } finally {
                closed.countDown();
                removeHook();
            }
        }
    }

    private void removeHook() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and runs the hook itself
        }
    }

}
