package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** tun-setup/lab-up.sh and lab-down.sh with a throw-away namespace, and TunDevice on the device they make. */
@Timeout(60)
class LabScriptsTest {
    private static final Path SCRIPTS = Path.of("..", "tun-setup");
    private static final String TUN = "tsl0";

    private final String netns = "tsn-lab-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));

    @BeforeEach
    void requireRoot() {
        RootGuard.requireRoot();
    }

    @AfterEach
    void labDown() throws Exception {
        if (Files.exists(Path.of(NetNamespace.NETNS_DIR, netns))) {
            script("lab-down.sh", "--netns", netns, "--tun", TUN);
        }
    }

    private static String script(String name, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPTS.resolve(name).toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.run(command);
    }

    @Test
    void tunstackAttachesToTheLabDeviceAndTheKernelRoutesToIt() throws Exception {
        script("lab-up.sh", "--netns", netns, "--tun", TUN, "--mtu", "1400");
        script("lab-up.sh", "--netns", netns, "--tun", TUN, "--mtu", "1400"); // idempotent
        try (TunDevice tun = TunDevice.open(TUN, netns)) {
            assertEquals(1400, tun.mtu());
            Process ping = new ProcessBuilder("ip", "netns", "exec", netns, "ping", "-c", "10", "-i", "0.5", "-W", "1",
                    "198.18.0.2")
                    .redirectErrorStream(true).start();
            Poller poller = new Poller();
            poller.add(tun.fd());
            ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(tun.mtu());
            try {
                // Several echo requests over five seconds: a loaded machine may start ping late.
                assertTrue(poller.poll(TimeUnit.SECONDS.toNanos(10)) > 0, "kernel routed nothing to the TUN");
                assertTrue(tun.read(packet) > 0);
                assertEquals(4, packet.getUnsignedByte(0) >> 4, "IPv4 only: lab-up.sh disables IPv6 on the TUN");
                assertEquals(1, packet.getUnsignedByte(9), "ICMP");
                assertEquals(0xC6120001, packet.getInt(12), "from the gateway");
                assertEquals(0xC6120002, packet.getInt(16), "to the stack address");
            } finally {
                packet.release();
                ping.destroy();
                ping.waitFor();
            }
        }
        script("lab-down.sh", "--netns", netns, "--tun", TUN);
        assertTrue(Files.notExists(Path.of(NetNamespace.NETNS_DIR, netns)));
        assertTrue(script("lab-down.sh", "--netns", netns, "--tun", TUN).contains("nothing to do"));
    }
}
