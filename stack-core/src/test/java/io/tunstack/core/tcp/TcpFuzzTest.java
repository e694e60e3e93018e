package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.tcp.TcpScript.Sent;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile or broken peer: seeded random segments (every flag combination, sequence and acknowledgment numbers
 * in and far out of the windows, zero and huge windows, SACK blocks and timestamps of any value, payloads over
 * the MSS) mixed with random application calls and timer runs. Whatever arrives, the layer must neither throw
 * nor break its sequence-space invariants, and every connection must be gone, its buffers released, once the
 * application aborts and the timers run out. A failing seed replays exactly.
 */
class TcpFuzzTest {
    private static final int STEPS = 3000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomPeerAndApplicationNeverBreakTheConnection(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TcpScript s = new TcpScript(TcpConfig.builder().fixedIss(TcpScript.ISS).receiveBufferSize(64 * 1024)
                .sendBufferSize(64 * 1024));
        s.acceptConnection(true);
        int peerPort = TcpScript.REMOTE_PORT;
        int peerSeq = TcpScript.PEER_ISS + 1;
        int tsVal = 1;
        ByteBuf sink = Unpooled.buffer(64 * 1024);
        for (int step = 0; step < STEPS; step++) {
            TcpConnection c = s.accepted.get(s.accepted.size() - 1);
            if (c.state() == TcpState.CLOSED || c.state() == TcpState.TIME_WAIT) {
                // Keep fuzzing a live connection: a new peer port opens the next one.
                peerPort++;
                peerSeq = random.nextInt();
                open(s, peerPort, peerSeq, tsVal);
                peerSeq++;
                c = s.accepted.get(s.accepted.size() - 1);
            }
            int action = random.nextInt(100);
            if (action < 55) {
                tsVal += random.nextInt(-2, 50);
                peerSeq = randomSegment(s, c, random, peerPort, peerSeq, tsVal);
            } else if (action < 70) {
                if (c.sendBufferFree() > 0) {
                    c.send(Unpooled.wrappedBuffer(new byte[random.nextInt(1, 20_000)]));
                }
            } else if (action < 85) {
                sink.clear();
                c.receive(sink);
            } else if (action < 97) {
                s.advanceMillis(random.nextInt(0, 3000));
            } else if (action < 98) {
                c.shutdownOutput();
            } else if (action < 99) {
                c.close();
            } else {
                c.abort();
            }
            drain(s);
            checkInvariants(c, seed, step);
        }
        for (TcpConnection c : s.accepted) {
            c.abort();
        }
        s.advanceMillis(10 * 60 * 1000);
        drain(s);
        assertEquals(0, s.layer.connectionCount(), "seed " + seed + ": connections left behind");
        sink.release();
    }

    /** Sends one random segment; returns the peer's next sequence number (it mostly sends in order). */
    private static int randomSegment(TcpScript s, TcpConnection c, SplittableRandom random, int peerPort, int peerSeq,
            int tsVal) {
        int seq = switch (random.nextInt(10)) {
            case 0 -> random.nextInt();
            case 1 -> peerSeq - random.nextInt(0, 70_000);
            case 2 -> peerSeq + random.nextInt(0, 70_000);
            default -> peerSeq;
        };
        int sndUna = c.state() == TcpState.CLOSED ? TcpScript.ISS : c.sndUna();
        int ack = random.nextInt(8) == 0 ? random.nextInt() : sndUna + random.nextInt(-2000, 70_000);
        Seg segment = seg().ports(peerPort, TcpScript.LOCAL_PORT).seq(seq).window(random.nextInt(10) == 0 ? 0 : random.nextInt(0x10000));
        if (random.nextInt(10) != 0) {
            segment.ack(ack);
        }
        int flags = random.nextInt(100);
        if (flags < 3) {
            segment.syn();
        } else if (flags < 6) {
            segment.rst();
        } else if (flags < 11) {
            segment.fin();
        } else if (flags < 16) {
            segment.urg(random.nextInt(0x10000));
        } else if (flags < 40) {
            segment.psh();
        }
        if (random.nextInt(10) != 0) {
            segment.ts(random.nextInt(20) == 0 ? random.nextInt() : tsVal, random.nextInt());
        }
        if (random.nextInt(4) == 0) {
            int blocks = random.nextInt(1, 4);
            int[] edges = new int[2 * blocks];
            for (int i = 0; i < edges.length; i += 2) {
                edges[i] = sndUna + random.nextInt(-5000, 200_000);
                edges[i + 1] = random.nextInt(10) == 0 ? random.nextInt() : edges[i] + random.nextInt(0, 20_000);
            }
            segment.sack(edges);
        }
        int length = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> 0;
            case 5 -> random.nextInt(1461, 3000);
            default -> random.nextInt(1, 1461);
        };
        if (length > 0) {
            segment.payload(new byte[length]);
        }
        s.send(segment);
        return seq == peerSeq ? peerSeq + length : peerSeq;
    }

    /** A three-way handshake from {@code peerPort}, with SACK and timestamps, accepted by the listener. */
    private static void open(TcpScript s, int peerPort, int peerIss, int tsVal) {
        int before = s.accepted.size();
        s.send(seg().ports(peerPort, TcpScript.LOCAL_PORT).syn().seq(peerIss).mss(1460).wscale(7).sackPermitted()
                .ts(tsVal, 0).window(65535));
        Sent synAck = s.next();
        s.send(seg().ports(peerPort, TcpScript.LOCAL_PORT).seq(peerIss + 1).ack(synAck.header().seq + 1)
                .ts(tsVal, synAck.header().tsVal).window(65535));
        assertEquals(before + 1, s.accepted.size(), "a new connection from port " + peerPort);
    }

    /** Reads every segment the layer sent: the script's capture checks each one's checksum and options parse. */
    private static void drain(TcpScript s) {
        while (s.poll() != null) {
            // each was parsed with its checksum verified on capture
        }
    }

    private static void checkInvariants(TcpConnection c, long seed, int step) {
        if (c.state() == TcpState.CLOSED) {
            return;
        }
        String where = "seed " + seed + " step " + step + ": " + c;
        assertTrue(c.readableBytes() >= 0 && c.readableBytes() <= 64 * 1024, where);
        assertTrue(c.sendBufferFree() >= 0 && c.sendBufferFree() <= 64 * 1024, where);
        assertTrue(c.sndWnd() >= 0 && c.sndWnd() <= (0xFFFFL << 14), where);
    }
}
