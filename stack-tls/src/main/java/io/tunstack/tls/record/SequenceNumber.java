package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;

/**
 * A 64-bit record sequence number that never wraps (RFC 8446 §5.3, RFC 5246 §6.1): the last value,
 * 2^64-1, is never used; asking for it fails the connection instead.
 */
final class SequenceNumber {

    /** 2^64-1 as an unsigned long. */
    private static final long LAST = -1L;

    private long next;

    SequenceNumber() {
        this(0);
    }

    /** Starts at {@code first} (tests use this to reach the limit). */
    SequenceNumber(long first) {
        this.next = first;
    }

    /** Returns the current value and advances. */
    long getAndIncrement() throws TlsException {
        if (next == LAST) {
            throw new TlsException(AlertDescription.INTERNAL_ERROR, "record sequence number would wrap");
        }
        return next++;
    }

    /** How many records have been numbered so far (unsigned). */
    long used() {
        return next;
    }
}
