package io.tunstack.core.tcp;

import static io.tunstack.core.wire.TcpHeader.ACK;
import static io.tunstack.core.wire.TcpHeader.FIN;
import static io.tunstack.core.wire.TcpHeader.PSH;
import static io.tunstack.core.wire.TcpHeader.RST;
import static io.tunstack.core.wire.TcpHeader.SYN;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.wire.Checksum;
import io.tunstack.core.wire.TcpHeader;

/**
 * One TCP connection (RFC 9293): its transmission control block, the segment-arrival rules of §3.10.7 in their
 * order, the user calls of §3.10 and the timers. Sans-IO: segments arrive through {@link TcpLayer}, leave through
 * its {@link SegmentWriter}, and time is passed in. Every method runs on the event loop thread.
 *
 * <p>Sequence variables carry the RFC names. {@code sndMax} is the highest sequence number sent (BSD's
 * snd_max): after a retransmission timeout {@code sndNxt} goes back to SND.UNA (go-back-N) while {@code sndMax}
 * keeps the RFC's meaning of SND.NXT for ACK acceptability.
 *
 * <p>User callbacks are deferred to the end of each entry point, so a handler may call back into the connection
 * (send, receive, close) while nothing is half-processed.
 */
public final class TcpConnection extends TimerEntry {
    /** The smallest path MTU believed from a Fragmentation Needed message (see {@link #pathMtuDecreased}). */
    private static final int MIN_PATH_MTU = 552;
    /** RFC 9293 §3.7.1: the send MSS when the peer sent no MSS option. */
    static final int DEFAULT_MSS = 536;
    /** Bytes the timestamp option takes in every segment once negotiated (RFC 7323 §3.2, with two NOPs). */
    static final int TIMESTAMP_OPTION_SPACE = 12;
    /** RFC 7323 §2.3: shift counts above 14 are used as 14. */
    static final int MAX_WINDOW_SHIFT = 14;
    static final int MAX_WINDOW_FIELD = 0xFFFF;
    /** Timestamp clock tick: 1 ms (RFC 7323 §5.4 recommends 1 ms to 1 s). */
    static final long TIMESTAMP_TICK_NANOS = 1_000_000L;
    private static final long NEVER = Long.MAX_VALUE;

    private static final int NOTIFY_ACCEPTED = 1;
    private static final int NOTIFY_CONNECTED = 2;
    private static final int NOTIFY_URGENT = 4;
    private static final int NOTIFY_READABLE = 8;
    private static final int NOTIFY_WRITABLE = 16;
    private static final int NOTIFY_CLOSED = 32;

    private final TcpLayer layer;
    private final TcpConfig config;
    private final SegmentWriter writer;
    private final long id;
    private final int localAddr;
    private final int localPort;
    private final int remoteAddr;
    private final int remotePort;
    /** The listener of a passive open, null for an active open. */
    private final TcpListener listener;
    private TcpHandler handler;
    private TcpState state = TcpState.CLOSED;
    private final TcpStats stats = new TcpStats(this);

    // Send sequence variables, RFC 9293 §3.3.1.
    private final int iss;
    private int sndUna;
    private int sndNxt;
    private int sndMax;
    private long sndWnd;
    private int sndWl1;
    private int sndWl2;
    /** RFC 5961 §5.2 MAX.SND.WND: the largest window the peer ever advertised. */
    private long maxSndWnd;
    private int sndShift;
    /** Effective send MSS (RFC 9293 §3.7.1): min(peer MSS, our MTU − 40) minus the timestamp option. */
    private int sndMss = DEFAULT_MSS;

    // Receive sequence variables.
    private int irs;
    private int rcvNxt;
    /** The right edge of the window we last advertised: RCV.NXT + RCV.WND at that time. */
    private int rcvAdvEdge;
    /** The furthest right edge ever advertised, which the peer may have sent up to (RFC 7323 §2.4). */
    private int rcvMaxAdvEdge;
    private final int windowSlack;
    private final int ourShift;
    private int rcvShift;
    /**
     * The payload size of a full segment from the peer, for the delayed-ACK and SWS rules: the largest segment
     * seen so far, starting from the default MSS and bounded by what we announced (as Linux estimates it).
     */
    private int rcvMss;
    private int rcvMssLimit;

    // Options (RFC 7323, RFC 2018).
    private boolean wsOk;
    private boolean tsOk;
    private boolean sackOk;
    private int tsRecent;
    /** TSval of our last timeout retransmission; older echoes may not be sampled (Karn, applied to RTTM). */
    private int timeoutTsVal;
    private boolean timedOut;
    private int lastAckSent;
    private final int tsOffset;

    private final SendBuffer sendBuffer;
    private final ReceiveBuffer receiveBuffer;
    private final Reassembly reassembly;
    private final int[] sackLeft = new int[TcpHeader.MAX_SACK_BLOCKS];
    private final int[] sackRight = new int[TcpHeader.MAX_SACK_BLOCKS];
    /** What the peer SACKed of our data (RFC 6675), used only when SACK was negotiated. */
    private final SackScoreboard scoreboard;
    /** RFC 6675 HighRxt, kept as the sequence number after the highest octet retransmitted in this recovery. */
    private int highRxt;
    /** RFC 8985 loss detection when SACK was negotiated and chosen; null runs the RFC 6675 DupThresh rules. */
    private RackTlp rack;
    /** The SACK blocks of the ACK being processed without its D-SACK block (RFC 2883 §4). */
    private final int[] ackSackLeft = new int[TcpHeader.MAX_SACK_BLOCKS];
    private final int[] ackSackRight = new int[TcpHeader.MAX_SACK_BLOCKS];
    private final RecoveryUndo undo = new RecoveryUndo();
    /** RFC 9937 pacing of SACK loss recovery; null without SACK or when configured off. */
    private ProportionalRateReduction prr;
    /** The window PRR allowed on the last ACK of the current recovery: cwnd for the sending it clocks. */
    private long prrWindow;
    private final CwndValidation validation = new CwndValidation();
    /** A duplicate segment to report in the first SACK block of our next ACK (RFC 2883 §4). */
    private boolean dsackPending;
    private int dsackLeft;
    private int dsackRight;

    /** The user closed our direction; {@link #finSeq} is the FIN's sequence number. */
    private boolean finQueued;
    private RuntimeException applicationFailure;
    private final UrgentPointers urgent = new UrgentPointers();
    /** The last ICMP soft error about this connection (RFC 1122 §4.2.3.9), told to the user if it times out. */
    private IcmpError softError;
    private int finSeq;
    private boolean finReceived;
    private boolean outOfOrderFin;
    private int outOfOrderFinSeq;
    /** close() was called: the user reads no more. */
    private boolean userClosed;
    private boolean noDelay;
    /** Active opens are the user's from the start; passive ones once accepted. */
    private boolean userVisible;

    private final RttEstimator rtt;
    private CongestionControl cc;
    private int dupAcks;
    /** Consecutive expirations of the retransmission timer for the same data. */
    private int retransmits;
    private boolean synRetransmitted;
    private boolean rttTiming;
    private int rttSeq;
    private long rttStartNanos;

    private boolean ackNow;
    private int bytesSinceAck;
    /** The text of the segment being processed is already at RCV.NXT in the receive buffer (checksum-and-copy). */
    private boolean textStaged;

    private long rtxAt = NEVER;
    private long persistAt = NEVER;
    private long delAckAt = NEVER;
    private long keepaliveAt = NEVER;
    /** Connect timeout in SYN-SENT, FIN-WAIT-2 timeout, or 2 MSL in TIME-WAIT. */
    private long closeAt = NEVER;
    private int persistBackoff;
    private int keepaliveProbes;
    private long lastReceiveNanos;
    private long lastSendNanos;

    private int pendingNotifications;
    private TcpCloseReason closeReason;

    TcpConnection(TcpLayer layer, long id, int localAddr, int localPort, int remoteAddr, int remotePort,
                  int iss, int tsOffset, TcpListener listener, TcpHandler handler) {
        this.layer = layer;
        this.config = layer.config();
        this.writer = layer.writer();
        this.id = id;
        this.localAddr = localAddr;
        this.localPort = localPort;
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
        this.iss = iss;
        this.tsOffset = tsOffset;
        this.listener = listener;
        this.handler = handler == null ? new TcpHandler() { } : handler;
        this.userVisible = listener == null;
        this.sendBuffer = new SendBuffer(config.sendBufferSize(), layer.alloc());
        this.ourShift = config.windowScaling() ? windowShiftFor(config.receiveBufferSize()) : 0;
        // RFC 7323 §2.3: a scaled window field can only be rounded up to avoid shrinking the window, which
        // may promise up to 2^shift − 1 bytes beyond the free space; the buffer keeps that much in reserve
        // so every promised byte can be stored (Linux keeps the same slack in its receive buffer).
        this.windowSlack = (1 << ourShift) - 1;
        this.receiveBuffer = new ReceiveBuffer(config.receiveBufferSize() + windowSlack, layer.alloc());
        this.reassembly = new Reassembly(config.maxReassemblyRanges());
        // The peer keeps out-of-order ranges as we do: the same bound serves its SACK blocks.
        this.scoreboard = new SackScoreboard(config.maxReassemblyRanges());
        this.rtt = new RttEstimator(config.initialRtoNanos(), config.minRtoNanos(), config.maxRtoNanos());
        this.rcvMssLimit = config.mss();
        this.rcvMss = Math.min(DEFAULT_MSS, rcvMssLimit);
        this.sndUna = iss;
        this.sndNxt = iss;
        this.sndMax = iss;
    }

    /** RFC 7323 §2.3: the smallest shift that lets the 16-bit field describe the whole receive buffer. */
    static int windowShiftFor(int bufferSize) {
        int shift = 0;
        while (shift < MAX_WINDOW_SHIFT && (bufferSize >> shift) > MAX_WINDOW_FIELD) {
            shift++;
        }
        return shift;
    }

    // ------------------------------------------------------------------------------------------------
    // User interface (RFC 9293 §3.10.1 - §3.10.6)
    // ------------------------------------------------------------------------------------------------

    /** Copies as many readable bytes of {@code src} as fit into the send buffer; returns how many were taken. */
    public int send(ByteBuf src) {
        int n = queue(src);
        if (n > 0) {
            finishEvent(layer.now());
        }
        return n;
    }

    /**
     * As {@link #send}, and everything queued so far becomes urgent data (RFC 9293 §3.8.5): segments carry URG
     * with SND.UP until the peer has acknowledged it. Returns how many bytes were taken.
     */
    public int sendUrgent(ByteBuf src) {
        int n = queue(src);
        if (n > 0) {
            urgent.queuedTo(dataEndSeq());
            finishEvent(layer.now());
        }
        return n;
    }

    private int queue(ByteBuf src) {
        if (!state.acceptsSend() || finQueued) {
            throw new IllegalStateException("connection closing or closed: " + state);
        }
        return sendBuffer.write(src);
    }

    public int sendBufferFree() {
        return state.acceptsSend() && !finQueued ? sendBuffer.free() : 0;
    }

    /** Moves in-order bytes into {@code dst}; a window update goes out when the window opens enough. */
    public int receive(ByteBuf dst) {
        int n = receiveBuffer.read(dst);
        if (state == TcpState.CLOSED && receiveBuffer.readable() == 0) {
            receiveBuffer.release();
        }
        urgent.consumedTo(readSeq());
        if (n > 0 && state.acceptsText() && windowUpdateDue()) {
            ackNow = true;
            finishEvent(layer.now());
        }
        return n;
    }

    /**
     * Whether a read opened the window enough to tell the peer now rather than with the next ACK: the right edge
     * moves by the receiver's SWS amount (RFC 9293 §3.8.6.2.2, RFC 1122 §4.2.3.3) and the window at least doubles
     * (as Linux's tcp_cleanup_rbuf), so an application that keeps up with the data does not turn every segment
     * into an ACK, while a window that was closing is reopened at once.
     */
    private boolean windowUpdateDue() {
        long growth = windowGrowth();
        return growth >= windowUpdateThreshold() && growth >= rcvWnd();
    }

    public int readableBytes() {
        return receiveBuffer.readable();
    }

    /**
     * How many of the octets the application reads next are urgent (RFC 9293 MUST-32): up to the peer's urgent
     * pointer, including octets not yet received; 0 when no urgent data is pending. Urgent data stays in the
     * stream (RFC 6093 §5); the handler's {@code onUrgent} tells when the pointer arrives or advances.
     */
    public int urgentBytes() {
        return urgent.remaining(readSeq());
    }

    /** Sequence number of the next octet the application will read. */
    private int readSeq() {
        return rcvNxt - receiveBuffer.readable();
    }

    /** The peer's FIN arrived and every byte before it was read. */
    public boolean isInputShutdown() {
        return finReceived && receiveBuffer.readable() == 0;
    }

    /** Sends FIN after the queued data (RFC 9293 §3.10.4 CLOSE for our direction); reading continues. */
    public void shutdownOutput() {
        if (finQueued || !state.acceptsSend()) {
            return;
        }
        long now = layer.now();
        finQueued = true;
        finSeq = dataStartSeq() + sendBuffer.length();
        if (state == TcpState.ESTABLISHED) {
            setState(TcpState.FIN_WAIT_1, now);
        } else if (state == TcpState.CLOSE_WAIT) {
            setState(TcpState.LAST_ACK, now);
        }
        finishEvent(now);
    }

    /**
     * Closes both directions. Unread received data turns the close into an abort (RFC 2525 §2.17); in SYN-SENT
     * the connection is simply deleted (RFC 9293 §3.10.4).
     */
    public void close() {
        if (state == TcpState.CLOSED) {
            receiveBuffer.release(); // what a graceful end left unread
            return;
        }
        if (userClosed) {
            return;
        }
        userClosed = true;
        if (receiveBuffer.readable() > 0 || state == TcpState.SYN_SENT) {
            abort();
            return;
        }
        shutdownOutput();
        if (state == TcpState.FIN_WAIT_2) {
            closeAt = layer.now() + config.finWait2TimeoutNanos();
            finishEvent(layer.now());
        }
    }

    /** RFC 9293 §3.10.5 ABORT: a RST in synchronized states, then CLOSED. */
    public void abort() {
        if (state == TcpState.CLOSED) {
            receiveBuffer.release();
            return;
        }
        long now = layer.now();
        if (state.isSynchronized() && state != TcpState.TIME_WAIT) {
            layer.sendReset(localAddr, localPort, remoteAddr, remotePort, sndMax, 0, RST);
        }
        terminate(TcpCloseReason.ABORTED, now);
        flushNotifications();
    }

    public TcpState state() {
        return state;
    }

    /** The last ICMP error that did not end the connection (e.g. host unreachable), or null. */
    public IcmpError softError() {
        return softError;
    }

    /** What an application callback threw, if one did (the connection was then reset); null otherwise. */
    public RuntimeException applicationFailure() {
        return applicationFailure;
    }

    /**
     * The application has finished sending (close or shutdownOutput) and the peer has not yet acknowledged our
     * FIN: queued data and the FIN are still on their way.
     */
    public boolean isDeliveringFin() {
        return finQueued && state != TcpState.CLOSED && !SeqNum.gt(sndUna, finSeq);
    }

    public TcpStats stats() {
        return stats;
    }

    public long id() {
        return id;
    }

    public int localAddr() {
        return localAddr;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteAddr() {
        return remoteAddr;
    }

    public int remotePort() {
        return remotePort;
    }

    /** Disables Nagle's algorithm (RFC 1122 §4.2.3.4) when true. */
    public void setNoDelay(boolean noDelay) {
        this.noDelay = noDelay;
        if (noDelay && state != TcpState.CLOSED) {
            finishEvent(layer.now());
        }
    }

    public void setHandler(TcpHandler handler) {
        this.handler = handler;
    }

    /** The sequence-space state, for traces and for diagnosing a stuck connection. */
    @Override
    public String toString() {
        long now = layer.now();
        return "TcpConnection#" + id + "{" + localPort + "->" + remotePort + " " + state
                + " sndUna=" + Integer.toUnsignedString(sndUna) + " sndNxt=" + Integer.toUnsignedString(sndNxt)
                + " sndMax=" + Integer.toUnsignedString(sndMax) + " sndWnd=" + sndWnd
                + " cwnd=" + (cc == null ? "-" : cc.cwnd()) + " unsent=" + (dataEndSeq() - sndNxt)
                + " rcvNxt=" + Integer.toUnsignedString(rcvNxt) + " rcvWnd=" + rcvWnd()
                + " readable=" + receiveBuffer.readable() + " tsRecent=" + Integer.toUnsignedString(tsRecent)
                + " rtxIn=" + timerLeft(rtxAt, now) + " persistIn=" + timerLeft(persistAt, now)
                + " dupAcks=" + dupAcks + " retransmits=" + retransmits + "}";
    }

    private static String timerLeft(long at, long now) {
        return at == NEVER ? "off" : (at - now) / 1_000_000 + "ms";
    }

    // ------------------------------------------------------------------------------------------------
    // Opening
    // ------------------------------------------------------------------------------------------------

    /** Active OPEN (RFC 9293 §3.10.1): send SYN, enter SYN-SENT. */
    void openActive(long now) {
        setState(TcpState.SYN_SENT, now);
        sndNxt = iss + 1;
        sndMax = sndNxt;
        sendSyn(now);
        rtxAt = now + rtt.rto();
        closeAt = now + config.connectTimeoutNanos();
        finishEvent(now);
    }

    /**
     * A SYN reached a LISTEN socket (RFC 9293 §3.10.7.2): answer SYN-ACK, enter SYN-RECEIVED. Text on the SYN is
     * queued, as far as the SYN-ACK's window reaches, and acknowledged by the SYN-ACK; the application sees it
     * only once the handshake completes.
     */
    void openPassive(TcpHeader syn, ByteBuf seg, int payloadIndex, int payloadLength, long now) {
        lastReceiveNanos = now;
        irs = syn.seq;
        rcvNxt = irs + 1;
        negotiate(syn);
        initSendWindow(syn);
        setState(TcpState.SYN_RECEIVED, now);
        int text = Math.min(payloadLength, Math.min(MAX_WINDOW_FIELD, advertisableSpace()));
        if (text > 0) {
            storeText(seg, payloadIndex, text, 0, now);
            pendingNotifications &= ~NOTIFY_READABLE; // told at accept: nobody holds the connection yet
        }
        sndNxt = iss + 1;
        sndMax = sndNxt;
        sendSyn(now);
        rtxAt = now + rtt.rto();
        finishEvent(now);
    }

    /** Option negotiation from the peer's SYN (RFC 9293 §3.7.1, RFC 7323 §2.2 and §3.2, RFC 2018 §2). */
    private void negotiate(TcpHeader syn) {
        wsOk = config.windowScaling() && syn.windowScale >= 0;
        sndShift = wsOk ? Math.min(syn.windowScale, MAX_WINDOW_SHIFT) : 0;
        rcvShift = wsOk ? ourShift : 0;
        tsOk = config.timestamps() && syn.hasTimestamp;
        if (tsOk) {
            tsRecent = syn.tsVal;
        }
        sackOk = config.sack() && syn.sackPermitted;
        int peerMss = syn.mss > 0 ? syn.mss : DEFAULT_MSS;
        int optionSpace = tsOk ? TIMESTAMP_OPTION_SPACE : 0;
        sndMss = Math.min(peerMss, config.mss()) - optionSpace;
        rcvMssLimit = config.mss() - optionSpace;
    }

    /** SND.WND from a SYN, whose window field is never scaled (RFC 7323 §2.2). */
    private void initSendWindow(TcpHeader syn) {
        sndWnd = syn.window;
        maxSndWnd = sndWnd;
        sndWl1 = syn.seq;
        sndWl2 = syn.ack;
    }

    /** SYN (active) or SYN-ACK (SYN-RECEIVED), with our options: only those the peer offered in a SYN-ACK. */
    private void sendSyn(long now) {
        boolean synAck = state == TcpState.SYN_RECEIVED;
        int window = Math.min(MAX_WINDOW_FIELD, advertisableSpace());
        TcpHeader h = writer.begin(localPort, remotePort, iss, synAck ? rcvNxt : 0, synAck ? SYN | ACK : SYN, window);
        h.mss = config.mss();
        if (synAck ? wsOk : config.windowScaling()) {
            h.windowScale = ourShift;
        }
        h.sackPermitted = synAck ? sackOk : config.sack();
        if (synAck ? tsOk : config.timestamps()) {
            h.hasTimestamp = true;
            h.tsVal = tsNow(now);
            h.tsEcr = synAck ? tsRecent : 0;
        }
        if (synAck) {
            rcvAdvEdge = rcvNxt + window;
            rcvMaxAdvEdge = rcvAdvEdge;
            lastAckSent = rcvNxt;
            ackNow = false;
            delAckAt = NEVER;
            bytesSinceAck = 0;
        }
        if (!synRetransmitted && !rttTiming) {
            rttTiming = true;
            rttSeq = iss;
            rttStartNanos = now;
        }
        writer.send(localAddr, remoteAddr);
        countSent(0, now);
    }

    // ------------------------------------------------------------------------------------------------
    // Segment arrival, RFC 9293 §3.10.7
    // ------------------------------------------------------------------------------------------------

    /** One segment for this connection; {@code payloadIndex}/{@code payloadLength} locate its text in {@code seg}. */
    void segmentArrives(TcpHeader h, ByteBuf seg, int payloadIndex, int payloadLength, long now) {
        stats.segmentsIn++;
        lastReceiveNanos = now;
        keepaliveProbes = 0;
        if (state == TcpState.SYN_SENT) {
            synSentArrives(h, seg, payloadIndex, payloadLength, now);
        } else if (config.headerPrediction() && predicts(h, payloadLength)) {
            predictedArrives(h, seg, payloadIndex, payloadLength, now);
        } else {
            synchronizedArrives(h, seg, payloadIndex, payloadLength, now);
        }
        finishEvent(now);
    }

    /**
     * Header prediction (Jacobson's, in 4.4BSD tcp_input and Linux tcp_rcv_established): on an established
     * connection nearly every segment is the next in-order text while none of our data is in flight, or an ACK of
     * new data with no text. Either passes each test of §3.10.7.4 (sequence number, RST, SYN, ACK acceptability,
     * URG) without effect, so it skips them: the next segment, ACK and PSH alone, the window as before, no SACK
     * blocks, a timestamp PAWS accepts. Text must also fit where it lands, with no out-of-order data or FIN held
     * and no probe to resolve; anything else goes the general way. (A user who closed is past ESTABLISHED.)
     */
    private boolean predicts(TcpHeader h, int payloadLength) {
        if (state != TcpState.ESTABLISHED || (h.flags & ~PSH) != ACK || h.seq != rcvNxt || h.sackCount != 0
                || ((long) h.window << sndShift) != sndWnd || outOfOrderFin
                || (tsOk && !(h.hasTimestamp && SeqNum.ge(h.tsVal, tsRecent)))) {
            return false;
        }
        if (payloadLength == 0) {
            return SeqNum.gt(h.ack, sndUna) && SeqNum.le(h.ack, sndMax);
        }
        // With nothing in flight, SND.UNA unmoved and no recovery or probe to settle, the fifth step has nothing to
        // do but the window bookkeeping.
        return h.ack == sndUna && sndUna == sndMax && !cc.inRecovery() && (rack == null || !rack.probeOutstanding())
                && reassembly.isEmpty() && payloadLength <= Math.min(rcvWnd(), receiveBuffer.free());
    }

    /** A segment {@link #predicts} accepted: the steps of §3.10.7.4 that act on it, in their order. */
    private void predictedArrives(TcpHeader h, ByteBuf seg, int payloadIndex, int payloadLength, long now) {
        // RFC 7323 §4.3 R3, as the general path applies it.
        if (tsOk && SeqNum.le(h.seq, lastAckSent)) {
            tsRecent = h.tsVal;
        }
        if (payloadLength == 0) {
            layer.counters().predictedAcks++;
            ackArrives(h, 0, now);
            return;
        }
        layer.counters().predictedText++;
        if (updatesWindow(h)) {
            updateSendWindow(h, sndWnd, now);
        }
        storeText(seg, payloadIndex, payloadLength, 0, now);
    }

    /**
     * Whether the text of {@code h} may be copied to RCV.NXT before its checksum is known: an in-order segment on
     * an established connection with no out-of-order data, whose text fits in the free buffer space. The copy
     * lands where the text step stores it, and in space no valid byte occupies, so a segment that turns out
     * corrupt leaves nothing behind: it is only committed by the normal rules after the checksum verified.
     */
    boolean stagesText(TcpHeader h, int payloadLength) {
        return state == TcpState.ESTABLISHED && h.seq == rcvNxt && payloadLength > 0 && (h.flags & (SYN | RST)) == 0
                && reassembly.isEmpty() && payloadLength <= receiveBuffer.free();
    }

    /**
     * Checksum-and-copy for a segment {@link #stagesText} accepted: copies the text to RCV.NXT and sums it,
     * adds the sum of pseudo-header and header ({@code headerSum}), and processes the segment as
     * {@link #segmentArrives} does, without copying the text again, only when the sum is all ones
     * (RFC 9293 §3.1). Returns false when the checksum fails: nothing changed.
     */
    boolean verifiedSegmentArrives(TcpHeader h, ByteBuf seg, int payloadIndex, int payloadLength, int headerSum,
                                   long now) {
        int textSum = receiveBuffer.stage(seg, payloadIndex, payloadLength);
        if (Checksum.add(headerSum, textSum, h.dataOffset()) != 0xFFFF) {
            return false;
        }
        textStaged = true;
        try {
            segmentArrives(h, seg, payloadIndex, payloadLength, now);
        } finally {
            textStaged = false;
        }
        return true;
    }

    /** RFC 9293 §3.10.7.3, SYN-SENT. */
    private void synSentArrives(TcpHeader h, ByteBuf seg, int payloadIndex, int payloadLength, long now) {
        boolean hasAck = h.has(ACK);
        // First: an ACK for something we never sent gets a reset (unless it is one).
        if (hasAck && (SeqNum.le(h.ack, iss) || SeqNum.gt(h.ack, sndMax))) {
            if (!h.has(RST)) {
                layer.sendReset(localAddr, localPort, remoteAddr, remotePort, h.ack, 0, RST);
            }
            layer.counters().drop(TcpDropReason.BAD_ACK);
            return;
        }
        // Second: a RST counts only with an acceptable ACK (RFC 5961 §3.2 keeps this for SYN-SENT).
        if (h.has(RST)) {
            if (hasAck) {
                terminate(TcpCloseReason.REFUSED, now);
            } else {
                layer.counters().drop(TcpDropReason.RST_IGNORED);
            }
            return;
        }
        // Fourth: the SYN.
        if (!h.has(SYN)) {
            layer.counters().drop(TcpDropReason.NO_ACK);
            return;
        }
        irs = h.seq;
        rcvNxt = irs + 1;
        negotiate(h);
        rcvAdvEdge = rcvNxt + Math.min(MAX_WINDOW_FIELD, advertisableSpace());
        rcvMaxAdvEdge = rcvAdvEdge;
        lastAckSent = rcvNxt;
        initSendWindow(h);
        if (hasAck) {
            takeRttSample(h, now);
            sndUna = h.ack;
            rtxAt = NEVER;
            establish(now);
            ackNow = true;
            // Data or FIN riding on the SYN-ACK continue at the sixth step.
            receiveText(seg, payloadIndex, payloadLength, h.seq + 1, h.has(FIN), now);
        } else {
            // Simultaneous open (RFC 9293 Figure 8): SYN-RECEIVED, answer SYN-ACK with our ISS.
            setState(TcpState.SYN_RECEIVED, now);
            sendSyn(now);
            rtxAt = now + rtt.rto();
        }
    }

    /** RFC 9293 §3.10.7.4: SYN-RECEIVED and every later state. */
    private void synchronizedArrives(TcpHeader h, ByteBuf seg, int payloadIndex, int payloadLength, long now) {
        boolean rst = h.has(RST);
        if (state == TcpState.SYN_RECEIVED && (h.flags & (SYN | ACK | RST)) == SYN && h.seq == irs) {
            // Our SYN-ACK was lost and the peer repeats its SYN: repeat the SYN-ACK.
            sendSyn(now);
            return;
        }
        if (tsOk && !rst && !h.hasTimestamp) {
            layer.counters().drop(TcpDropReason.MISSING_TIMESTAMP);
            return;
        }
        // RFC 7323 §5.3 R1: PAWS rejects a timestamp older than TS.Recent.
        if (tsOk && !rst && SeqNum.lt(h.tsVal, tsRecent)) {
            layer.counters().drop(TcpDropReason.PAWS);
            ackNow = true;
            return;
        }
        // First: the sequence number acceptability test.
        int segLength = payloadLength + (h.has(SYN) ? 1 : 0) + (h.has(FIN) ? 1 : 0);
        int text = payloadLength;
        boolean fin = h.has(FIN);
        if (!acceptable(h.seq, segLength)) {
            if (!rst && rcvWnd() == 0 && h.seq == rcvNxt) {
                // RFC 9293 §3.10.7.4: with a zero window still process the ACK of a segment at RCV.NXT
                // (a zero-window probe), just not its text.
                text = 0;
                fin = false;
                ackNow = true;
            } else {
                if (!rst) {
                    ackNow = true;
                    if (payloadLength > 0 && SeqNum.le(h.seq + payloadLength, rcvNxt)) {
                        reportDuplicate(h.seq, h.seq + payloadLength);
                    }
                }
                if (state == TcpState.TIME_WAIT && fin && h.seq + segLength == rcvNxt) {
                    // RFC 9293 §3.10.7.4 eighth step: a retransmitted FIN restarts the 2 MSL timeout.
                    closeAt = now + 2 * config.mslNanos();
                }
                layer.counters().drop(rst ? TcpDropReason.RST_IGNORED : TcpDropReason.OUT_OF_WINDOW);
                return;
            }
        }
        // RFC 7323 §4.3 R3: remember the timestamp to echo.
        if (tsOk && h.hasTimestamp && SeqNum.ge(h.tsVal, tsRecent) && SeqNum.le(h.seq, lastAckSent)) {
            tsRecent = h.tsVal;
        }
        // Second: RST (RFC 5961 §3.2): exactly RCV.NXT resets, anything else in the window is challenged.
        if (rst) {
            if (h.seq == rcvNxt) {
                resetArrives(now);
            } else {
                challengeAck(now);
            }
            return;
        }
        // Fourth: SYN.
        if (h.has(SYN)) {
            if (state == TcpState.SYN_RECEIVED && listener != null) {
                // RFC 9293 §3.10.7.4: a passive open goes back to LISTEN.
                terminate(TcpCloseReason.RESET, now);
            } else {
                // RFC 5961 §4.2: never reset on a SYN; challenge the sender instead.
                challengeAck(now);
            }
            return;
        }
        // Fifth: ACK.
        if (!h.has(ACK)) {
            layer.counters().drop(TcpDropReason.NO_ACK);
            return;
        }
        if (state == TcpState.SYN_RECEIVED) {
            if (SeqNum.lt(sndUna, h.ack) && SeqNum.le(h.ack, sndMax)) {
                sndWnd = (long) h.window << sndShift;
                maxSndWnd = Math.max(maxSndWnd, sndWnd);
                sndWl1 = h.seq;
                sndWl2 = h.ack;
                establish(now);
            } else {
                layer.sendReset(localAddr, localPort, remoteAddr, remotePort, h.ack, 0, RST);
                layer.counters().drop(TcpDropReason.BAD_ACK);
                return;
            }
        }
        // RFC 5961 §5.2: SND.UNA − MAX.SND.WND ≤ SEG.ACK ≤ SND.NXT, or the segment is dropped with an ACK.
        if (!SeqNum.between(sndUna - (int) Math.min(maxSndWnd, Integer.MAX_VALUE), h.ack, sndMax)) {
            ackNow = true;
            layer.counters().drop(TcpDropReason.BAD_ACK);
            return;
        }
        if (!ackArrives(h, payloadLength, now)) {
            return;
        }
        // Sixth: the URG bit, in the states that deliver text.
        if (h.has(TcpHeader.URG) && state.acceptsText() && urgent.arrives(h.seq + h.urgent, readSeq())) {
            pendingNotifications |= NOTIFY_URGENT;
        }
        // Seventh and eighth: text and FIN.
        if (state.acceptsText()) {
            receiveText(seg, payloadIndex, text, h.seq, fin, now);
        } else if (fin) {
            // A retransmitted FIN in CLOSE-WAIT, CLOSING, LAST-ACK or TIME-WAIT: acknowledge it again.
            ackNow = true;
            if (state == TcpState.TIME_WAIT) {
                closeAt = now + 2 * config.mslNanos();
            }
        }
    }

    /** The four cases of RFC 9293 §3.10.7.4 "first, check sequence number". */
    private boolean acceptable(int seq, int segLength) {
        int wnd = rcvWnd();
        if (segLength == 0) {
            // RCV.NXT =< SEG.SEQ =< RCV.NXT+RCV.WND: one wider at the right edge than the RFC's table, as BSD and
            // Linux accept. A peer that filled our window past a hole sends its ACKs with SEG.SEQ at exactly the
            // edge; refusing them would ignore every acknowledgment of our data until the peer's next
            // retransmission ("special allowance should be made to accept valid ACKs"). The edge is the furthest
            // one ever offered: window scaling can retract it by less than one unit (RFC 7323 §2.4), and a peer
            // that already sent up to the old edge puts SEG.SEQ = SND.NXT past the new one on every ACK.
            int offset = seq - rcvNxt;
            return offset >= 0 && offset <= Math.max(wnd, rcvMaxAdvEdge - rcvNxt);
        }
        return wnd != 0 && (inWindow(seq, wnd) || inWindow(seq + segLength - 1, wnd));
    }

    private boolean inWindow(int seq, int wnd) {
        int offset = seq - rcvNxt;
        return offset >= 0 && offset < wnd;
    }

    /** RCV.WND as last advertised. */
    private int rcvWnd() {
        return Math.max(0, rcvAdvEdge - rcvNxt);
    }

    /** A RST with SEG.SEQ = RCV.NXT, by state (RFC 9293 §3.10.7.4 second). */
    private void resetArrives(long now) {
        switch (state) {
            case SYN_RECEIVED -> terminate(listener != null ? TcpCloseReason.RESET : TcpCloseReason.REFUSED, now);
            case CLOSING, LAST_ACK, TIME_WAIT -> terminate(TcpCloseReason.NORMAL, now);
            default -> terminate(TcpCloseReason.RESET, now);
        }
    }

    /** RFC 5961 §3.2, §4.2: ACK with SEQ=SND.NXT, ACK=RCV.NXT, rate limited per §7. */
    private void challengeAck(long now) {
        if (layer.allowChallengeAck(now)) {
            layer.counters().challengeAcks++;
            sendAck(now);
        } else {
            layer.counters().drop(TcpDropReason.CHALLENGE_ACK_LIMITED);
        }
    }

    /**
     * The fifth step for ESTABLISHED and later states: SND.UNA, duplicate ACKs, the send window, and the
     * transitions our FIN's acknowledgment causes. Returns false when the connection is gone.
     */
    private boolean ackArrives(TcpHeader h, int payloadLength, long now) {
        long peerWindow = (long) h.window << sndShift;
        int unaBefore = sndUna;
        long sackedBefore = prr != null ? sackedBytes() : 0;
        boolean dsack = sackOk && isDsack(h);
        boolean newlySacked = sackOk && updateScoreboard(h);
        boolean advanced = SeqNum.gt(h.ack, sndUna);
        if (advanced) {
            newDataAcked(h, now);
        }
        // RFC 6675 §2: with SACK, an ACK that SACKs new octets is a duplicate even when it moves SND.UNA or
        // changes the window, and one whose blocks tell nothing new (D-SACK, repeats) is not; RFC 5681 §2
        // decides for an ACK without blocks.
        boolean rfc5681Duplicate = !advanced && isDuplicateAck(h, payloadLength, peerWindow);
        if (sackOk && h.sackCount > 0 ? newlySacked : rfc5681Duplicate) {
            duplicateAck(h, now);
        }
        if (dsack && undo.onDsack(h.sackLeft[0], h.sackRight[0])) {
            undoReduction(now);
        }
        if (rack != null) {
            rackAckArrives(h, dsack, advanced, now);
        }
        if (prr != null && cc.inRecovery()) {
            // RFC 9937 §4 on every ACK of the recovery: DeliveredData = ΔSND.UNA + ΔSACKed; the ACK is safe
            // (PRR-SSRB) when it moves SND.UNA without SACKing anything new, i.e. without a sign of further loss.
            long deliveredData = (long) (sndUna - unaBefore) + sackedBytes() - sackedBefore;
            prrWindow = prr.onAck(deliveredData, pipe(), advanced && !newlySacked);
            traceCongestion(now);
        }
        if (updatesWindow(h)) {
            updateSendWindow(h, peerWindow, now);
        }
        boolean finAcked = finQueued && SeqNum.gt(sndUna, finSeq);
        switch (state) {
            case FIN_WAIT_1 -> {
                if (finAcked) {
                    setState(TcpState.FIN_WAIT_2, now);
                    if (userClosed) {
                        closeAt = now + config.finWait2TimeoutNanos();
                    }
                }
            }
            case CLOSING -> {
                if (finAcked) {
                    enterTimeWait(now);
                }
            }
            case LAST_ACK -> {
                if (finAcked) {
                    terminate(TcpCloseReason.NORMAL, now);
                    return false;
                }
            }
            default -> {
            }
        }
        return true;
    }

    /** RFC 5681 §2 DUPLICATE ACKNOWLEDGMENT (a) to (e); and the peer's window is open. */
    private boolean isDuplicateAck(TcpHeader h, int payloadLength, long peerWindow) {
        return h.ack == sndUna && sndMax != sndUna && payloadLength == 0 && (h.flags & (SYN | FIN)) == 0
                && peerWindow == sndWnd && sndWnd != 0;
    }

    private void newDataAcked(TcpHeader h, long now) {
        int acked = h.ack - sndUna;
        int synPart = sndUna == iss ? 1 : 0;
        int dataAcked = Math.min(acked - synPart, sendBuffer.length());
        sendBuffer.discard(dataAcked);
        takeRttSample(h, now);
        sndUna = h.ack;
        urgent.acknowledgedTo(sndUna);
        if (SeqNum.lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        dupAcks = 0;
        retransmits = 0;
        // RFC 6298 §5.2 and §5.3: stop the timer when all is acknowledged, otherwise restart it.
        rtxAt = sndUna == sndMax || persistAt != NEVER ? NEVER : now + rtt.rto();
        if (cc != null) {
            boolean wasInRecovery = cc.inRecovery();
            boolean validated = validation.onAck(sndUna, cc.cwnd(), rtt.srtt(), now);
            boolean partialAck = cc.onAck(h.ack, dataAcked, sndMax - sndUna, validated, now);
            if (validation.nvpExpired(now)) {
                cc.onNvpEnd();
            }
            if (wasInRecovery && !cc.inRecovery()) {
                recoveryEnded(h, now);
            }
            if (tsOk && h.hasTimestamp && undo.onAckAfterTimeout(h.tsEcr)) {
                spuriousTimeout(now);
            }
            traceCongestion(now);
            if (partialAck) {
                retransmit(sndUna, Integer.MAX_VALUE, TcpEvent.RetransmitKind.PARTIAL_ACK, now);
            }
        }
        if (dataAcked > 0 && state.acceptsSend() && !finQueued) {
            pendingNotifications |= NOTIFY_WRITABLE;
        }
    }

    /** RTTM from the echoed timestamp (RFC 7323 §4), else from the one timed segment under Karn's rule. */
    private void takeRttSample(TcpHeader h, long now) {
        long sample;
        if (tsOk && h.hasTimestamp && h.tsEcr != 0) {
            rttTiming = false;
            if (timedOut && SeqNum.lt(h.tsEcr, timeoutTsVal)) {
                // The echo predates a timeout retransmission: the peer may be acknowledging the
                // retransmission while echoing the original's TSval, so the sample would include the
                // whole RTO (Karn's ambiguity, RFC 6298 §3; Linux likewise prefers unambiguous samples).
                return;
            }
            sample = (long) (tsNow(now) - h.tsEcr) * TIMESTAMP_TICK_NANOS;
        } else if (rttTiming && SeqNum.gt(h.ack, rttSeq)) {
            sample = now - rttStartNanos;
            rttTiming = false;
        } else {
            return;
        }
        rtt.sample(sample);
        if (cc != null) {
            cc.onRttSample(sample, rtt.srtt());
        }
        if (layer.tracing()) {
            layer.trace(new TcpEvent.RttSample(now, id, sample, rtt.srtt(), rtt.rttvar(), rtt.rto()));
        }
    }

    /**
     * RFC 6675 §4 Update() from the ACK's SACK blocks; returns true when they SACK new octets. An ACK that
     * moves SND.UNA exactly to the start of a SACKed range shows the peer discarded that range (reneging,
     * RFC 2018 §8): the scoreboard is forgotten so the data is sent again.
     */
    private boolean updateScoreboard(TcpHeader h) {
        if (SeqNum.gt(h.ack, sndUna) && scoreboard.startsAt(h.ack)) {
            scoreboard.clear();
            if (rack != null) {
                rack.clearSacked();
            }
            if (SeqNum.lt(sndNxt, sndMax)) {
                sndNxt = h.ack; // go-back-N after a timeout restarts at the dropped range
            }
        }
        return scoreboard.update(h.ack, sndMax, h.sackLeft, h.sackRight, h.sackCount);
    }

    private void duplicateAck(TcpHeader h, long now) {
        dupAcks++;
        stats.dupAcks++;
        if (cc == null) {
            return;
        }
        if (sackOk) {
            // RFC 6675 §5 steps (1) and (2): DupThresh duplicates, or SACKs showing SND.UNA lost, which works
            // even when a small window cannot produce three duplicates.
            if (rack == null && !cc.inRecovery()
                    && (dupAcks >= SackScoreboard.DUP_THRESH || scoreboard.isLost(sndUna, sndMss))) {
                enterSackRecovery(now);
            }
            return;
        }
        if (dupAcks == 3) {
            if (cc.onTripleDupAck(h.ack, sndMax, sndMax - sndUna)) {
                traceCongestion(now);
                retransmit(sndUna, Integer.MAX_VALUE, TcpEvent.RetransmitKind.FAST, now);
            }
        } else if (dupAcks > 3 && cc.inRecovery()) {
            cc.onDupAckInRecovery();
        }
    }

    /**
     * RFC 6675 §5 step (4): RecoveryPoint = HighData and cwnd = ssthresh (both kept by the congestion
     * control), then retransmit the first segment at SND.UNA; output continues by §5 (C).
     */
    private void enterSackRecovery(long now) {
        if (!cc.onEnterRecovery(sndUna, sndMax, sndMax - sndUna)) {
            return;
        }
        undo.start();
        startPrr();
        traceCongestion(now);
        highRxt = sndUna + retransmit(sndUna, scoreboard.unsackedLength(sndUna), TcpEvent.RetransmitKind.FAST, now);
    }

    /**
     * RFC 2883 §4: the first block is a D-SACK when it lies below the cumulative ACK, or inside the second
     * block. The scoreboard ignores the first case by its range check; the second only repeats SACKed data.
     */
    private static boolean isDsack(TcpHeader h) {
        return h.sackCount > 0 && (SeqNum.le(h.sackRight[0], h.ack) || (h.sackCount > 1
                && SeqNum.ge(h.sackLeft[0], h.sackLeft[1]) && SeqNum.le(h.sackRight[0], h.sackRight[1])));
    }

    /** RFC 8985 §6.2 on every ACK of a SACK connection, then §7.4 for an outstanding probe and §7.2's PTO. */
    private void rackAckArrives(TcpHeader h, boolean dsack, boolean advanced, long now) {
        int blocks = 0;
        for (int b = dsack ? 1 : 0; b < h.sackCount; b++) {
            // As the scoreboard: only blocks within SND.UNA..SND.MAX count (RFC 6675 §4 Update()).
            if (SeqNum.le(sndUna, h.sackLeft[b]) && SeqNum.lt(h.sackLeft[b], h.sackRight[b])
                    && SeqNum.le(h.sackRight[b], sndMax)) {
                ackSackLeft[blocks] = h.sackLeft[b];
                ackSackRight[blocks++] = h.sackRight[b];
            }
        }
        long echoTick = tsOk && h.hasTimestamp && h.tsEcr != 0
                ? now / TIMESTAMP_TICK_NANOS + (h.tsEcr - tsNow(now)) : Long.MIN_VALUE;
        if (rack.onAck(sndUna, sndMax, ackSackLeft, ackSackRight, blocks, dsack, echoTick, rtt.srtt(),
                cc.inRecovery(), now)) {
            lossDetected(now);
        }
        boolean probeDuplicated = dsack && rack.isProbe(h.sackLeft[0], h.sackRight[0]);
        if (rack.onAckForProbe(h.ack, probeDuplicated, !advanced && h.sackCount == 0)) {
            cc.onLossRepairedByProbe();
            undo.abandon(); // this reduction has no retransmission of its own to prove spurious
            traceCongestion(now);
        }
        if (advanced) {
            schedulePto(now);
        }
    }

    /**
     * RACK marked segments lost: loss recovery with RFC 6675 §5 step (4)'s reduction, once per window of data;
     * {@link #sendRack} retransmits the rest.
     */
    private void lossDetected(long now) {
        if (!rack.inRtoRecovery() && cc.onEnterRecovery(sndUna, sndMax, sndMax - sndUna)) {
            undo.start();
            startPrr();
            rack.cancelPto(); // RFC 8985 §7.2: no probes in fast recovery
            traceCongestion(now);
            // RFC 6675 §5 step (4.3): the first lost segment goes at once, whatever pipe says.
            retransmitLost(TcpEvent.RetransmitKind.FAST, now);
        }
    }

    /** Fast recovery ended with the ACK {@code h}: RACK counts it (RFC 8985 §6.2 step 4), Eifel checks it. */
    private void recoveryEnded(TcpHeader h, long now) {
        if (rack != null) {
            rack.recoveryEnded();
        }
        if (tsOk && h.hasTimestamp && undo.onRecoveryEnd(h.tsEcr)) {
            undoReduction(now);
        }
    }

    /**
     * RFC 4015: the timeout was spurious (RFC 3522 detection): the window comes back and sending resumes with new
     * data, not with what the timeout would have resent.
     */
    private void spuriousTimeout(long now) {
        undoReduction(now);
        if (rack != null) {
            rack.timeoutWasSpurious();
        } else if (SeqNum.lt(sndNxt, sndMax)) {
            sndNxt = sndMax;
        }
    }

    /** The last reduction was spurious: congestion control restores its window (RFC 4015). */
    private void undoReduction(long now) {
        cc.undo();
        stats.undos++;
        traceCongestion(now);
    }

    /** RFC 8985 §7.2: a PTO after new data went out or was acknowledged, not in fast or RTO recovery. */
    private void schedulePto(long now) {
        if (cc.inRecovery()) {
            rack.cancelPto();
        } else {
            rack.schedulePto(rtt.hasSample(), rtt.srtt(), sndMax - sndUna, sndMss, rtxAt, now);
        }
    }

    /**
     * RFC 3042 Limited Transmit: on the first and second duplicate ACK, one new segment each may go out
     * beyond cwnd (FlightSize ≤ cwnd + 2·SMSS), so that small windows still produce the three duplicate
     * ACKs fast retransmit needs. Only new data, and never during recovery.
     */
    private long limitedTransmitAllowance() {
        return dupAcks > 0 && dupAcks < 3 && sndNxt == sndMax && !cc.inRecovery() ? (long) dupAcks * sndMss : 0;
    }

    /** RFC 9293 §3.10.7.4: the window is taken only from segments newer than the last update (SND.WL1, SND.WL2). */
    private boolean updatesWindow(TcpHeader h) {
        return SeqNum.lt(sndWl1, h.seq) || (sndWl1 == h.seq && SeqNum.le(sndWl2, h.ack));
    }

    private void updateSendWindow(TcpHeader h, long peerWindow, long now) {
        if (peerWindow != sndWnd && layer.tracing()) {
            layer.trace(new TcpEvent.WindowChange(now, id, peerWindow));
        }
        sndWnd = peerWindow;
        sndWl1 = h.seq;
        sndWl2 = h.ack;
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
        if (sndWnd > 0 && persistAt != NEVER) {
            persistAt = NEVER;
            persistBackoff = 0;
            if (sndNxt != sndUna) {
                rtxAt = now + rtt.rto();
            }
        }
    }

    /** Seventh (text) and eighth (FIN) steps for {@code payloadLength} bytes of text starting at {@code seq}. */
    private void receiveText(ByteBuf seg, int payloadIndex, int payloadLength, int seq, boolean fin, long now) {
        int index = payloadIndex;
        int length = payloadLength;
        int start = seq;
        int alreadyHave = rcvNxt - start;
        if (alreadyHave > 0) {
            int skip = Math.min(alreadyHave, length);
            reportDuplicate(start, start + skip);
            index += skip;
            length -= skip;
            start += skip;
            if (length == 0 && payloadLength > 0) {
                ackNow = true;
            }
        }
        int offset = start - rcvNxt;
        boolean keepFin = fin;
        int room = Math.min(rcvWnd(), receiveBuffer.free()) - Math.max(offset, 0);
        if (length > room) {
            length = Math.max(room, 0);
            keepFin = false;
            ackNow = true;
        }
        if (length > 0) {
            if (userClosed) {
                // New data for a user that will never read it (RFC 2525 §2.17): reset.
                layer.sendReset(localAddr, localPort, remoteAddr, remotePort, sndMax, 0, RST);
                terminate(TcpCloseReason.ABORTED, now);
                return;
            }
            storeText(seg, index, length, offset, now);
        }
        if (keepFin) {
            int position = start + length;
            if (position == rcvNxt) {
                finArrives(now);
            } else if (SeqNum.gt(position, rcvNxt)) {
                outOfOrderFin = true;
                outOfOrderFinSeq = position;
                ackNow = true;
            } else {
                ackNow = true;
            }
        } else if (outOfOrderFin && rcvNxt == outOfOrderFinSeq) {
            finArrives(now);
        }
    }

    /** Copies in-window text once into the receive buffer and decides when to acknowledge (RFC 5681 §4.2). */
    private void storeText(ByteBuf seg, int index, int length, int offset, long now) {
        boolean hadHoles = !reassembly.isEmpty();
        if (length > rcvMss) {
            rcvMss = Math.min(length, rcvMssLimit);
        }
        if (offset > 0 && reassembly.holds(offset, length)) {
            reportDuplicate(rcvNxt + offset, rcvNxt + offset + length);
        }
        // Staged text starts at RCV.NXT = SEG.SEQ (offset 0); consumed here, before any callback could deliver
        // another segment.
        boolean staged = textStaged;
        textStaged = false;
        if (!staged) {
            receiveBuffer.writeAt(offset, seg, index, length);
        }
        int inOrder = reassembly.add(offset, length);
        if (inOrder < 0) {
            layer.counters().drop(TcpDropReason.REASSEMBLY_FULL);
            ackNow = true;
            return;
        }
        if (inOrder > 0) {
            receiveBuffer.commit(inOrder);
            rcvNxt += inOrder;
            stats.bytesIn += inOrder;
            pendingNotifications |= NOTIFY_READABLE;
        }
        if (offset > 0 || hadHoles) {
            // Out of order, or filling a hole: acknowledge at once (RFC 5681 §4.2) so the sender learns fast.
            ackNow = true;
        } else {
            bytesSinceAck += length;
            if (bytesSinceAck >= 2 * rcvMss) {
                // RFC 5681 §4.2 / RFC 1122 §4.2.3.2: at least every second full-sized segment.
                ackNow = true;
            } else if (delAckAt == NEVER) {
                delAckAt = now + config.delayedAckNanos();
            }
        }
    }

    /** RFC 2883 §4: [left, right) arrived before; the next ACK reports it in its first SACK block. */
    private void reportDuplicate(int left, int right) {
        if (sackOk && left != right) {
            dsackPending = true;
            dsackLeft = left;
            dsackRight = right;
            ackNow = true;
        }
    }

    /** The eighth step: the peer's FIN at RCV.NXT. */
    private void finArrives(long now) {
        rcvNxt++;
        finReceived = true;
        outOfOrderFin = false;
        ackNow = true;
        pendingNotifications |= NOTIFY_READABLE;
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED -> setState(TcpState.CLOSE_WAIT, now);
            case FIN_WAIT_1 -> {
                if (finQueued && SeqNum.gt(sndUna, finSeq)) {
                    enterTimeWait(now);
                } else {
                    setState(TcpState.CLOSING, now);
                }
            }
            case FIN_WAIT_2 -> enterTimeWait(now);
            default -> {
            }
        }
    }

    /** SYN-SENT or SYN-RECEIVED reached ESTABLISHED (or FIN-WAIT-1 when the user already closed). */
    private void establish(long now) {
        cc = layer.congestionControlFactory().create(sndMss, iss);
        if (sackOk && config.lossDetection() == TcpConfig.LossDetection.RACK_TLP) {
            rack = new RackTlp(sndUna, config.sendBufferSize() / sndMss + 2, rtt.hasSample() ? rtt.srtt() : NEVER, now);
        }
        if (sackOk && config.proportionalRateReduction()) {
            prr = new ProportionalRateReduction(sndMss);
        }
        if (synRetransmitted) {
            rtt.synTimedOut();
        }
        retransmits = 0;
        closeAt = NEVER;
        setState(finQueued ? TcpState.FIN_WAIT_1 : TcpState.ESTABLISHED, now);
        if (config.keepalive()) {
            keepaliveAt = now + config.keepaliveIdleNanos();
        }
        if (listener != null) {
            listener.release();
            if (listener.isClosed()) {
                layer.sendReset(localAddr, localPort, remoteAddr, remotePort, sndMax, 0, RST);
                terminate(TcpCloseReason.ABORTED, now);
                return;
            }
            userVisible = true;
            pendingNotifications |= NOTIFY_ACCEPTED | (receiveBuffer.readable() > 0 ? NOTIFY_READABLE : 0);
        } else {
            pendingNotifications |= NOTIFY_CONNECTED;
        }
        traceCongestion(now);
    }

    private void enterTimeWait(long now) {
        setState(TcpState.TIME_WAIT, now);
        rtxAt = NEVER;
        rack = null;
        persistAt = NEVER;
        keepaliveAt = NEVER;
        closeAt = now + 2 * config.mslNanos();
        sendBuffer.release();
        notifyClosed(TcpCloseReason.NORMAL);
    }

    /**
     * RFC 6191 / RFC 9293 §3.10.7.4: a SYN in TIME-WAIT may open a new incarnation when it is newer than the
     * old one: a larger timestamp when timestamps were in use, else a sequence number beyond RCV.NXT.
     */
    boolean acceptsNewSyn(TcpHeader h) {
        if (state != TcpState.TIME_WAIT || (h.flags & (SYN | ACK | RST)) != SYN) {
            return false;
        }
        return tsOk && h.hasTimestamp ? SeqNum.gt(h.tsVal, tsRecent) : SeqNum.gt(h.seq, rcvNxt);
    }

    /** Ends TIME-WAIT early for {@link #acceptsNewSyn}. */
    void reclaim(long now) {
        terminate(TcpCloseReason.NORMAL, now);
    }

    /** Enters CLOSED and deletes the TCB; the user hears {@code reason} unless already told. */
    private void terminate(TcpCloseReason reason, long now) {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (state == TcpState.SYN_RECEIVED && listener != null) {
            listener.release();
        }
        setState(TcpState.CLOSED, now);
        rtxAt = NEVER;
        rack = null;
        persistAt = NEVER;
        delAckAt = NEVER;
        keepaliveAt = NEVER;
        closeAt = NEVER;
        ackNow = false;
        sendBuffer.release();
        if (reason != TcpCloseReason.NORMAL || !userVisible || userClosed) {
            // A reset flushes the queues (RFC 9293 §3.10.7.4, RST in a synchronized state).
            receiveBuffer.release();
        }
        // After a graceful end the bytes already received stay readable, as a socket's receive queue outlives the
        // TCB: they are released once read, or when the user closes.
        layer.remove(this);
        notifyClosed(reason);
    }

    private void notifyClosed(TcpCloseReason reason) {
        if (userVisible && closeReason == null) {
            closeReason = reason;
            pendingNotifications |= NOTIFY_CLOSED;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // ICMP errors, RFC 1122 §4.2.3.9
    // ------------------------------------------------------------------------------------------------

    /**
     * An ICMP error quoting our segment with sequence number {@code seq}. RFC 5927 §4.1: acted on only when that
     * is a sequence number we sent and the peer has not acknowledged, which an off-path attacker cannot know.
     */
    void icmpError(IcmpError error, int seq, long now) {
        if (state == TcpState.CLOSED || SeqNum.lt(seq, sndUna) || !SeqNum.lt(seq, sndMax)) {
            layer.counters().drop(TcpDropReason.ICMP_STALE);
            return;
        }
        if (error.isFragmentationNeeded()) {
            pathMtuDecreased(error.nextHopMtu());
        } else if (error.isRefusal() && (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED)) {
            // RFC 5461 §4: a hard error aborts a connection that is still opening (Linux: ECONNREFUSED).
            terminate(TcpCloseReason.REFUSED, now);
            flushNotifications();
        } else {
            softError = error;
        }
    }

    /**
     * RFC 1191 §6.1: a router's next-hop MTU lowers the segment size for every later (re)transmission; the
     * dropped segment is resent smaller by the usual loss recovery. A message without an MTU (pre-RFC 1191
     * routers) is ignored, and the MTU is never taken below 552 octets (Linux's floor; RFC 5927 §7.2 warns of
     * forged tiny MTUs).
     */
    private void pathMtuDecreased(int nextHopMtu) {
        if (nextHopMtu == 0) {
            return;
        }
        int mss = Math.max(nextHopMtu, MIN_PATH_MTU) - IpOutput.IPV4_HEADER_LENGTH - TcpHeader.MIN_LENGTH
                - (tsOk ? TIMESTAMP_OPTION_SPACE : 0);
        if (mss < sndMss) {
            sndMss = mss;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Output
    // ------------------------------------------------------------------------------------------------

    /** Runs output, re-arms the connection's place in the timer queue, then tells the user what happened. */
    private void finishEvent(long now) {
        if (state != TcpState.CLOSED) {
            output(now);
        }
        layer.reschedule(this, earliestTimer());
        flushNotifications();
    }

    private long earliestTimer() {
        long earliest = Math.min(Math.min(rtxAt, persistAt), Math.min(Math.min(delAckAt, keepaliveAt), closeAt));
        return rack == null ? earliest : Math.min(earliest, rack.nextDeadline());
    }

    private void output(long now) {
        switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> sendData(now);
            default -> {
            }
        }
        if (ackNow && state != TcpState.SYN_SENT && state != TcpState.CLOSED) {
            sendAck(now);
        }
    }

    /** Sequence number of the first byte in the send buffer. */
    private int dataStartSeq() {
        return sndUna == iss ? iss + 1 : sndUna;
    }

    /** Sequence number after the last queued byte (= the FIN's once queued). */
    private int dataEndSeq() {
        return finQueued ? finSeq : dataStartSeq() + sendBuffer.length();
    }

    /**
     * Sends what the windows allow: min(cwnd, SND.WND) minus what is in flight (RFC 5681 §3.1), in segments of
     * at most SMSS, holding back small segments by Nagle and sender-side SWS avoidance, and the FIN after the
     * last byte.
     */
    private void sendData(long now) {
        if (sndUna == sndMax && lastSendNanos != 0 && now - lastSendNanos > rtt.rto()) {
            cc.onIdleRestart();
        }
        if (rack != null) {
            sendRack(now);
        } else if (sackOk && cc.inRecovery()) {
            sendInRecovery(now);
        } else {
            int sent;
            do {
                int unsackedLength = skipSacked();
                long window = Math.min(sndWnd, cc.cwnd() + limitedTransmitAllowance());
                sent = sendSegment(window - (sndNxt - sndUna), unsackedLength, now);
            } while (sent > 0);
        }
        // Data waits but nothing is outstanding to bring an ACK: the persist timer probes a zero window
        // (RFC 9293 §3.8.6.1) and overrides SWS avoidance for a small one (§3.8.6.2.1).
        if (dataEndSeq() != sndNxt && SeqNum.gt(dataEndSeq(), sndNxt) && rtxAt == NEVER && persistAt == NEVER) {
            persistAt = now + persistInterval();
        }
    }

    /**
     * One segment at SND.NXT of at most {@code room} bytes of window and {@code limit} bytes before SACKed
     * data (and the FIN after the last byte). A segment short for lack of window or data is held back by Nagle
     * and SWS avoidance; one cut at {@code limit} goes. Returns the sequence numbers it took, 0 for none.
     */
    private int sendSegment(long room, int limit, long now) {
        int unsent = Math.max(0, dataEndSeq() - sndNxt);
        int inFlight = sndNxt - sndUna;
        int segmentSize = segmentSize();
        int length = (int) Math.max(0, Math.min(Math.min(unsent, segmentSize), Math.min(room, limit)));
        boolean fin = finQueued && finSeq - sndNxt == length;
        if (length == 0 && !fin) {
            return 0;
        }
        if (length < segmentSize && length < limit && !fin && !sendSmallSegment(length, unsent, inFlight)) {
            return 0;
        }
        if (!rttTiming && !tsOk && sndNxt == sndMax && length > 0) {
            rttTiming = true;
            rttSeq = sndNxt;
            rttStartNanos = now;
        }
        transmit(sndNxt, length, fin, now);
        logTransmit(sndNxt, length + (fin ? 1 : 0), now);
        countRecoveryOut(length + (fin ? 1 : 0));
        sndNxt += length + (fin ? 1 : 0);
        if (SeqNum.gt(sndNxt, sndMax)) {
            sndMax = sndNxt;
        }
        persistAt = NEVER;
        persistBackoff = 0;
        if (rtxAt == NEVER) {
            rtxAt = now + rtt.rto(); // RFC 6298 §5.1
        }
        if (rack != null) {
            schedulePto(now);
        }
        validation.onSend(sndNxt - sndUna);
        return length + (fin ? 1 : 0);
    }

    /**
     * RFC 6675 §5.1: while go-back-N resends after a timeout, SND.NXT steps over what the peer SACKed. Returns
     * how many bytes from SND.NXT are not SACKed (unbounded past SND.MAX, where data is new).
     */
    private int skipSacked() {
        if (!sackOk || !SeqNum.lt(sndNxt, sndMax)) {
            return Integer.MAX_VALUE;
        }
        sndNxt = scoreboard.nextUnsacked(sndNxt);
        return SeqNum.lt(sndNxt, sndMax) ? scoreboard.unsackedLength(sndNxt) : Integer.MAX_VALUE;
    }

    /**
     * RFC 6675 §5 (C): while cwnd − pipe ≥ 1 SMSS, send what NextSeg() picks: a lost hole (rule 1), else new
     * data the receive window allows (rule 2), else a hole not yet deemed lost (rule 3).
     */
    private void sendInRecovery(long now) {
        long pipe = pipe();
        while (sendingWindow() - pipe >= sndMss) {
            int sent = retransmitHole(true, now);
            if (sent == 0) {
                sent = sendSegment(Math.min(sendingWindow() - pipe, sndWnd - (sndNxt - sndUna)), Integer.MAX_VALUE, now);
            }
            if (sent == 0) {
                sent = retransmitHole(false, now);
            }
            if (sent == 0) {
                return;
            }
            pipe += sent; // (C.4)
        }
    }

    /**
     * RFC 8985 sending, with RFC 6675 §5 (C)'s rule: while cwnd − pipe ≥ 1 SMSS, retransmit the first segment RACK
     * marked lost, else send new data the receive window allows. pipe leaves out what is SACKed or lost, in and
     * out of recovery alike.
     */
    private void sendRack(long now) {
        long pipe = pipe();
        while (true) {
            long room = sendingWindow() - pipe;
            int sent;
            if (rack.hasLost()) {
                sent = room >= sndMss ? retransmitLost(TcpEvent.RetransmitKind.FAST, now) : 0;
            } else {
                sent = sendSegment(Math.min(room, sndWnd - (sndNxt - sndUna)), Integer.MAX_VALUE, now);
            }
            if (sent == 0) {
                return;
            }
            pipe += sent;
        }
    }

    /** cwnd, or while PRR paces a SACK recovery, the window it allowed on the last ACK (RFC 9937 §4). */
    private long sendingWindow() {
        return prr != null && cc.inRecovery() ? prrWindow : cc.cwnd();
    }

    /** The congestion window in force, as stats and traces report it: PRR's during its recovery; 0 before ESTABLISHED. */
    int cwnd() {
        return cc == null ? 0 : (int) Math.min(Integer.MAX_VALUE, sendingWindow());
    }

    /**
     * RFC 9937 §4 at the start of recovery: ssthresh from the congestion control just reduced, RecoverFS the data
     * outstanding and not SACKed; until the next ACK nothing is sent beyond the fast retransmit.
     */
    private void startPrr() {
        if (prr != null) {
            prr.start(cc.ssthresh(), (long) (sndMax - sndUna) - sackedBytes());
            prrWindow = pipe();
        }
    }

    /** prr_out: every byte sent, new or again, while PRR paces a recovery. */
    private void countRecoveryOut(int length) {
        if (prr != null && cc.inRecovery()) {
            prr.onSent(length);
        }
    }

    /** The octets the peer holds above SND.UNA, as the loss detection in use records them. */
    private long sackedBytes() {
        return rack != null ? rack.sackedBytes() : scoreboard.sackedBytes();
    }

    /** RFC 6675 pipe, as the loss detection in use estimates it. */
    private long pipe() {
        return rack != null ? rack.pipe(sndMax - sndUna) : scoreboard.pipe(sndUna, sndMax, highRxt, sndMss);
    }

    private int retransmitLost(TcpEvent.RetransmitKind kind, long now) {
        return retransmit(rack.firstLostSeq(), rack.firstLostLength(), kind, now);
    }

    /** New data, or data sent again, left at {@code now}: RACK records its transmit time (RFC 8985 §6.2). */
    private void logTransmit(int seq, int length, long now) {
        if (rack != null && length > 0) {
            rack.onTransmit(seq, seq + length, now);
        }
    }

    /** NextSeg() rule 1 ({@code lostOnly}) or 3: retransmits the next hole above HighRxt; returns its length. */
    private int retransmitHole(boolean lostOnly, long now) {
        int from = SeqNum.max(highRxt, sndUna);
        int distance = scoreboard.nextHole(from, sndMss, lostOnly);
        if (distance < 0) {
            return 0;
        }
        int seq = from + distance;
        int sent = retransmit(seq, scoreboard.unsackedLength(seq), TcpEvent.RetransmitKind.FAST, now);
        highRxt = seq + sent; // (C.2)
        return sent;
    }

    /**
     * RFC 9293 §3.8.6.2.1 sender SWS avoidance with Nagle (RFC 1122 §4.2.3.4): a segment shorter than SMSS goes
     * only when nothing is unacknowledged (or no-delay), and it carries all queued data or half the largest
     * window the peer offered.
     */
    private boolean sendSmallSegment(int length, int unsent, int inFlight) {
        if (inFlight > 0 && !noDelay && !urgent.sending()) {
            return false;
        }
        return length == unsent || length >= maxSndWnd / 2;
    }

    private long persistInterval() {
        long interval = rtt.rto();
        for (int i = 0; i < persistBackoff && interval < config.maxRtoNanos(); i++) {
            interval <<= 1;
        }
        return Math.min(interval, config.maxRtoNanos());
    }

    /** One segment of {@code length} bytes at {@code seq} from the send buffer, with FIN if asked. */
    private void transmit(int seq, int length, boolean fin, long now) {
        int flags = ACK | (fin ? FIN : 0) | (length > 0 && seq + length == dataEndSeq() ? PSH : 0);
        TcpHeader h = writer.begin(localPort, remotePort, seq, rcvNxt, flags, advertiseWindow());
        int urgentField = urgent.fieldFor(seq);
        if (urgentField >= 0) {
            h.flags |= TcpHeader.URG;
            h.urgent = urgentField;
        }
        addOptions(h, length, now);
        writer.send(localAddr, remoteAddr, sendBuffer, seq - sndUna, length);
        countSent(length, now);
    }

    /** A pure ACK: SEQ = SND.NXT (the highest sent), ACK = RCV.NXT. */
    private void sendAck(long now) {
        transmit(sndMax, 0, false, now);
    }

    private void countSent(int length, long now) {
        stats.segmentsOut++;
        stats.bytesOut += length;
        lastSendNanos = now;
    }

    /**
     * The largest payload for our next segment: SMSS less the SACK option it will carry while we hold
     * out-of-order data. RFC 6691 §2: the sender reduces the data to make room for the options it sends, so a
     * segment never outgrows the MTU (it would be dropped at every retransmission).
     */
    private int segmentSize() {
        return sackOk && !reassembly.isEmpty() ? sndMss - sackOptionSpace(maxSackBlocks()) : sndMss;
    }

    /** Blocks that fit next to the timestamps in 40 bytes of options (RFC 2018 §3). */
    private int maxSackBlocks() {
        return tsOk ? 3 : TcpHeader.MAX_SACK_BLOCKS;
    }

    /** NOP, NOP, kind, length and 8 bytes a block. */
    private static int sackOptionSpace(int blocks) {
        return 4 + 8 * blocks;
    }

    private void addOptions(TcpHeader h, int length, long now) {
        if (tsOk) {
            h.hasTimestamp = true;
            h.tsVal = tsNow(now);
            h.tsEcr = tsRecent;
        }
        int room = sndMss - length;
        if (sackOk && (dsackPending || !reassembly.isEmpty()) && room >= sackOptionSpace(1)) {
            int blocks = Math.min(maxSackBlocks(), (room - 4) / 8);
            int first = 0;
            if (dsackPending) {
                // RFC 2883 §4: the D-SACK block first, once; the SACK blocks follow.
                h.sackLeft[0] = dsackLeft;
                h.sackRight[0] = dsackRight;
                dsackPending = false;
                first = 1;
            }
            int n = reassembly.sackBlocks(rcvNxt, sackLeft, sackRight, blocks - first);
            System.arraycopy(sackLeft, 0, h.sackLeft, first, n);
            System.arraycopy(sackRight, 0, h.sackRight, first, n);
            h.sackCount = first + n;
        }
    }

    /**
     * The window field for an outgoing segment (RFC 7323 §2.3 scaled). Receiver-side SWS avoidance (RFC 9293
     * §3.8.6.2.2) moves the right edge only by min(RCV.BUFF / 2, MSS) or more, and it never moves left. Sending
     * it acknowledges everything received, which clears the pending ACK.
     */
    private int advertiseWindow() {
        int current = rcvWnd();
        long window = Math.min(advertisableSpace(), (long) MAX_WINDOW_FIELD << rcvShift);
        if (window < current + windowUpdateThreshold()) {
            window = current;
        }
        int field = (int) (window >> rcvShift);
        if (((long) field << rcvShift) < current && ((long) (field + 1) << rcvShift) <= receiveBuffer.free()) {
            // Round up rather than move the right edge left, but never past what the buffer can store: when
            // both cannot hold, the edge moves left by less than one scaling unit (RFC 7323 §2.4 rounding).
            field++;
        }
        field = Math.min(field, MAX_WINDOW_FIELD);
        rcvAdvEdge = rcvNxt + (field << rcvShift);
        rcvMaxAdvEdge = SeqNum.max(rcvMaxAdvEdge, rcvAdvEdge);
        lastAckSent = rcvNxt;
        ackNow = false;
        delAckAt = NEVER;
        bytesSinceAck = 0;
        return field;
    }

    /** Free receive space we may offer: the buffer's free bytes less the rounding reserve. */
    private int advertisableSpace() {
        return Math.max(0, receiveBuffer.free() - windowSlack);
    }

    /** How far the right edge could move now. */
    private long windowGrowth() {
        return Math.min(advertisableSpace(), (long) MAX_WINDOW_FIELD << rcvShift) - rcvWnd();
    }

    private int windowUpdateThreshold() {
        return Math.min(receiveBuffer.capacity() / 2, rcvMss);
    }

    /**
     * Retransmits one segment of at most {@code maxLength} bytes at {@code seq} without moving SND.NXT (fast
     * retransmit, partial ACK, SACK recovery); returns the sequence numbers it took.
     */
    private int retransmit(int seq, int maxLength, TcpEvent.RetransmitKind kind, long now) {
        int dataLeft = Math.max(0, Math.min(dataEndSeq(), sndMax) - seq);
        int length = Math.min(Math.min(segmentSize(), dataLeft), maxLength);
        boolean fin = finQueued && length == dataEndSeq() - seq && SeqNum.gt(sndMax, finSeq);
        if (length == 0 && !fin) {
            return 0;
        }
        rttTiming = false;
        transmit(seq, length, fin, now);
        logTransmit(seq, length + (fin ? 1 : 0), now);
        countRecoveryOut(length + (fin ? 1 : 0));
        undo.onRetransmit(seq, length + (fin ? 1 : 0), tsOk, tsNow(now));
        if (kind == TcpEvent.RetransmitKind.PROBE) {
            stats.lossProbes++;
        } else if (kind != TcpEvent.RetransmitKind.TIMEOUT) {
            stats.fastRetransmissions++;
        }
        countRetransmission(kind, seq, length + (fin ? 1 : 0), now);
        return length + (fin ? 1 : 0);
    }

    private void countRetransmission(TcpEvent.RetransmitKind kind, int seq, int length, long now) {
        layer.counters().retransmissions++;
        if (layer.tracing()) {
            layer.trace(new TcpEvent.Retransmission(now, id, kind, seq, length));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Timers
    // ------------------------------------------------------------------------------------------------

    /** Runs every timer of this connection due at {@code now}. */
    void onTimer(long now) {
        if (closeAt <= now) {
            closeTimerExpired(now);
        }
        if (state != TcpState.CLOSED && rack != null && rack.nextDeadline() <= now) {
            rackTimerExpired(now);
        }
        if (state != TcpState.CLOSED && rtxAt <= now) {
            retransmitTimerExpired(now);
        }
        if (state != TcpState.CLOSED && persistAt <= now) {
            persistTimerExpired(now);
        }
        if (state != TcpState.CLOSED && keepaliveAt <= now) {
            keepaliveTimerExpired(now);
        }
        if (state != TcpState.CLOSED && delAckAt <= now) {
            delAckAt = NEVER;
            ackNow = true;
        }
        finishEvent(now);
    }

    private void closeTimerExpired(long now) {
        closeAt = NEVER;
        // SYN-SENT: connect timeout; FIN-WAIT-2: the peer never closed; TIME-WAIT: 2 MSL passed.
        terminate(state == TcpState.TIME_WAIT ? TcpCloseReason.NORMAL : TcpCloseReason.TIMEOUT, now);
    }

    /** The RACK reordering timer (RFC 8985 §6.2 step 5) or the PTO (§7.3) expired. */
    private void rackTimerExpired(long now) {
        if (rack.reoTimerAt() <= now && rack.onReoTimer(now)) {
            lossDetected(now);
        }
        // A closed window is the persist timer's to probe (RFC 9293 §3.8.6.1).
        if (rack.ptoAt() <= now && rack.takeProbe() && !rack.isEmpty() && persistAt == NEVER) {
            sendProbe(now);
        }
    }

    /**
     * RFC 8985 §7.3 TLP_send_probe: one segment of new data if the receive window allows, else the last segment
     * sent again; then the RTO is armed instead of the PTO.
     */
    private void sendProbe(long now) {
        int seq = sndNxt;
        int sent = sendSegment(sndWnd - (sndNxt - sndUna), Integer.MAX_VALUE, now);
        boolean retransmission = sent == 0;
        if (retransmission) {
            seq = rack.lastSegmentSeq();
            sent = retransmit(seq, rack.lastSegmentLength(), TcpEvent.RetransmitKind.PROBE, now);
        }
        if (sent > 0) {
            rack.probeSent(retransmission, seq, sndMax);
            rtxAt = now + rtt.rto();
        }
    }

    /** RFC 6298 §5.4 - §5.6: retransmit the earliest unacknowledged segment, back off, restart the timer. */
    private void retransmitTimerExpired(long now) {
        rtxAt = NEVER;
        boolean handshake = state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED;
        if (retransmits >= (handshake ? config.maxSynRetransmissions() : config.maxRetransmissions())) {
            terminate(TcpCloseReason.TIMEOUT, now);
            return;
        }
        retransmits++;
        rttTiming = false; // Karn: no sample from a retransmitted segment
        stats.timeoutRetransmissions++;
        rtt.backoff();
        if (handshake) {
            synRetransmitted = true;
            countRetransmission(TcpEvent.RetransmitKind.TIMEOUT, iss, 1, now);
            sendSyn(now);
            rtxAt = now + rtt.rto();
            return;
        }
        cc.onRetransmitTimeout(sndMax, sndMax - sndUna, retransmits == 1);
        traceCongestion(now);
        dupAcks = 0;
        timedOut = true;
        timeoutTsVal = tsNow(now);
        if (retransmits == 1) {
            undo.startTimeout(tsOk, timeoutTsVal);
        } else {
            undo.abandon();
        }
        if (rack != null && rack.onRetransmitTimeout(sndUna, sndMax, now)) {
            // RFC 8985 §6.3: only what RACK holds lost is resent, the first of it now within cwnd = 1 SMSS.
            retransmitLost(TcpEvent.RetransmitKind.TIMEOUT, now);
            rtxAt = now + rtt.rto();
            return;
        }
        countRetransmission(TcpEvent.RetransmitKind.TIMEOUT, sndUna, Math.min(sndMss, sndMax - sndUna), now);
        sndNxt = sndUna; // go back N: output() resends from SND.UNA within cwnd = 1 SMSS and restarts the timer
    }

    /** RFC 9293 §3.8.6.1: probe a zero window with one byte, backing off; or override SWS for a small window. */
    private void persistTimerExpired(long now) {
        persistAt = NEVER;
        int unsent = dataEndSeq() - sndNxt;
        if (sndWnd == 0) {
            if (sndNxt == sndUna && unsent > 0) {
                transmit(sndNxt, 1, false, now);
                logTransmit(sndNxt, 1, now);
                sndNxt++;
                sndMax = SeqNum.max(sndMax, sndNxt);
            } else if (sndNxt != sndUna) {
                transmit(sndUna, 1, false, now);
            }
            countRetransmission(TcpEvent.RetransmitKind.PROBE, sndUna, 1, now);
            persistBackoff++;
            persistAt = now + persistInterval();
        } else if (unsent > 0) {
            int length = (int) Math.max(0, Math.min(Math.min(unsent, segmentSize()),
                    Math.min(sndWnd, cc.cwnd()) - (sndNxt - sndUna)));
            if (length > 0) {
                boolean fin = finQueued && finSeq - sndNxt == length;
                transmit(sndNxt, length, fin, now);
                logTransmit(sndNxt, length + (fin ? 1 : 0), now);
                sndNxt += length + (fin ? 1 : 0);
                sndMax = SeqNum.max(sndMax, sndNxt);
                rtxAt = now + rtt.rto();
            }
        }
    }

    /** RFC 1122 §4.2.3.6: after the idle time, probes with SEG.SEQ = SND.NXT − 1 until one is answered. */
    private void keepaliveTimerExpired(long now) {
        keepaliveAt = NEVER;
        if (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT) {
            return;
        }
        long idleUntil = lastReceiveNanos + config.keepaliveIdleNanos();
        if (keepaliveProbes == 0 && now < idleUntil) {
            keepaliveAt = idleUntil;
            return;
        }
        if (sndUna != sndMax) {
            // Data is outstanding: the retransmission timer watches the peer.
            keepaliveAt = now + config.keepaliveIdleNanos();
            return;
        }
        if (keepaliveProbes >= config.keepaliveCount()) {
            terminate(TcpCloseReason.TIMEOUT, now);
            return;
        }
        keepaliveProbes++;
        transmit(sndUna - 1, 0, false, now);
        keepaliveAt = now + config.keepaliveIntervalNanos();
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------

    private int tsNow(long now) {
        return (int) (now / TIMESTAMP_TICK_NANOS) + tsOffset;
    }

    private void setState(TcpState next, long now) {
        if (layer.tracing()) {
            layer.trace(new TcpEvent.StateChange(now, id, state, next));
        }
        state = next;
    }

    private void traceCongestion(long now) {
        if (layer.tracing() && cc != null) {
            layer.trace(new TcpEvent.CongestionChange(now, id, cwnd(), cc.ssthresh()));
        }
    }

    /** Runs the pending callbacks in bit order (accepted, connected, urgent, readable, writable, closed). */
    private void flushNotifications() {
        while (pendingNotifications != 0) {
            int next = Integer.lowestOneBit(pendingNotifications);
            pendingNotifications &= ~next;
            try {
                notifyApplication(next);
            } catch (RuntimeException e) {
                applicationFailed(e);
            }
        }
    }

    private void notifyApplication(int notification) {
        switch (notification) {
            case NOTIFY_ACCEPTED -> listener.deliver(this);
            case NOTIFY_CONNECTED -> handler.onConnected(this);
            case NOTIFY_URGENT -> handler.onUrgent(this);
            case NOTIFY_READABLE -> handler.onReadable(this);
            case NOTIFY_WRITABLE -> {
                if (state.acceptsSend()) {
                    handler.onWritable(this);
                }
            }
            case NOTIFY_CLOSED -> handler.onClosed(this, closeReason);
            default -> throw new AssertionError(notification);
        }
    }

    /**
     * An application callback threw. The loop and every other connection go on; this connection can no longer
     * trust its application to read or write, so it is reset (the handler still gets {@code onClosed}).
     */
    private void applicationFailed(RuntimeException e) {
        if (applicationFailure == null) {
            applicationFailure = e;
            layer.counters().applicationFailures++;
        } else {
            applicationFailure.addSuppressed(e);
        }
        abort();
    }

    boolean matches(int localAddr, int localPort, int remoteAddr, int remotePort) {
        return this.remotePort == remotePort && this.localPort == localPort
                && this.remoteAddr == remoteAddr && this.localAddr == localAddr;
    }

    RttEstimator rtt() {
        return rtt;
    }

    CongestionControl congestionControl() {
        return cc;
    }

    int sndUna() {
        return sndUna;
    }

    long sndWnd() {
        return sndWnd;
    }

    int rcvNxt() {
        return rcvNxt;
    }
}
