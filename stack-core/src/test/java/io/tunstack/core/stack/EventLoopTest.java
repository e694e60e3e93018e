package io.tunstack.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    private static final int STACK = Ipv4Address.parse("198.18.0.2");
    private static final int PEER = Ipv4Address.parse("198.18.0.1");

    @Test
    void answersPingsFromItsOwnThreadAndStopsCleanly() throws Exception {
        MemoryLink link = new MemoryLink(1500);
        NetStack stack = new NetStack(link, STACK, new UnpooledByteBufAllocator(true));
        EventLoop loop = EventLoop.start(stack, SystemClock.INSTANCE, "test-loop");
        String threadName = loop.call(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertEquals("test-loop", threadName);
        assertTrue(loop.call(loop::inEventLoop).get(5, TimeUnit.SECONDS));
        assertFalse(loop.inEventLoop());

        List<ByteBuf> requests = new ArrayList<>();
        for (int seq = 0; seq < 20; seq++) {
            ByteBuf request = Packets.echoRequest(PEER, STACK, 9, seq, new byte[32]);
            requests.add(request);
            link.inject(request);
            ByteBuf reply = link.takeSent(5, TimeUnit.SECONDS);
            assertNotNull(reply, "reply " + seq);
            reply.release();
        }

        loop.close();
        for (ByteBuf request : requests) {
            assertEquals(0, request.refCnt(), "the loop released every received packet");
        }
        assertEquals(20, stack.counters().packetsOut());
        assertFalse(threadAlive("test-loop"), "the loop thread has ended");
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        assertEquals(null, loop.failure());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
