package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqNumTest {
    @Test
    void comparisonsWrapModulo2To32() {
        int nearTop = 0xFFFF_FFF0;
        int wrapped = 0x10;
        assertTrue(SeqNum.lt(nearTop, wrapped));
        assertTrue(SeqNum.le(nearTop, wrapped));
        assertTrue(SeqNum.gt(wrapped, nearTop));
        assertTrue(SeqNum.ge(wrapped, wrapped));
        assertFalse(SeqNum.lt(wrapped, wrapped));
        assertEquals(0x20, SeqNum.diff(wrapped, nearTop));
        assertEquals(wrapped, SeqNum.max(nearTop, wrapped));
        assertEquals(nearTop, SeqNum.min(nearTop, wrapped));
        assertTrue(SeqNum.lt(Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    @Test
    void betweenIsInclusiveAcrossTheWrap() {
        assertTrue(SeqNum.between(0xFFFF_FFF0, 0xFFFF_FFF0, 0x10));
        assertTrue(SeqNum.between(0xFFFF_FFF0, 0, 0x10));
        assertTrue(SeqNum.between(0xFFFF_FFF0, 0x10, 0x10));
        assertFalse(SeqNum.between(0xFFFF_FFF0, 0x11, 0x10));
        assertFalse(SeqNum.between(0xFFFF_FFF0, 0xFFFF_FFEF, 0x10));
    }
}
