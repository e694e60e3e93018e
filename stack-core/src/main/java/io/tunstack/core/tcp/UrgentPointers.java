package io.tunstack.core.tcp;

/**
 * Urgent data of one connection (RFC 9293 §3.8.5): RCV.UP and SND.UP. The urgent pointer points to the octet
 * following the urgent data (RFC 9293 MUST-62, as RFC 6093 §4 settled it), and urgent data stays in the stream
 * (inline, RFC 6093 §5): this only tracks where it ends, so the application can learn how much of what it is
 * about to read is urgent (MUST-32) and hear of urgent data once per advance of the pointer (MUST-31).
 */
final class UrgentPointers {
    /** The largest value of the 16-bit urgent pointer field; a farther SND.UP is announced as this (as Linux). */
    private static final int MAX_FIELD = 0xFFFF;

    private boolean receiving;
    private int rcvUp;
    private boolean sending;
    private int sndUp;

    /**
     * RFC 9293 §3.10.7.4, sixth step: a segment with URG points at {@code up} (SEG.SEQ + SEG.UP) while the
     * application reads at {@code readSeq}. Returns true when the application is to be told: the pointer is in
     * advance of the data consumed, and urgent data was not pending or the pointer moved forward.
     */
    boolean arrives(int up, int readSeq) {
        if (!SeqNum.gt(up, readSeq) || receiving && !SeqNum.gt(up, rcvUp)) {
            return false;
        }
        receiving = true;
        rcvUp = up;
        return true;
    }

    /** Octets from {@code readSeq} up to the end of the urgent data (some perhaps not yet received); 0 if none. */
    int remaining(int readSeq) {
        return receiving && SeqNum.gt(rcvUp, readSeq) ? rcvUp - readSeq : 0;
    }

    /** The application read up to {@code readSeq}: urgent mode ends once it passed RCV.UP. */
    void consumedTo(int readSeq) {
        if (receiving && !SeqNum.gt(rcvUp, readSeq)) {
            receiving = false;
        }
    }

    /** Everything queued up to {@code endSeq} is urgent: SND.UP moves there (RFC 9293 §3.10.2 SEND, urgent). */
    void queuedTo(int endSeq) {
        sending = true;
        sndUp = endSeq;
    }

    /** SND.UNA moved to {@code sndUna}: the sender leaves urgent mode once the peer has all urgent data. */
    void acknowledgedTo(int sndUna) {
        if (sending && !SeqNum.gt(sndUp, sndUna)) {
            sending = false;
        }
    }

    /** The urgent pointer field for a segment starting at {@code seq}, or -1 when it carries no URG. */
    int fieldFor(int seq) {
        return sending && SeqNum.gt(sndUp, seq) ? Math.min(sndUp - seq, MAX_FIELD) : -1;
    }

    /** Whether urgent data waits to be sent or acknowledged: it goes out without Nagle's delay. */
    boolean sending() {
        return sending;
    }
}
