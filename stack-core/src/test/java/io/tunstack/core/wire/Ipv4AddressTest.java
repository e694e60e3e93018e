package io.tunstack.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

    @Test
    void parsesToNetworkOrderValue() {
        assertEquals(0xC6120002, Ipv4Address.parse("198.18.0.2"));
        assertEquals(0, Ipv4Address.parse("0.0.0.0"));
        assertEquals(0xFFFFFFFF, Ipv4Address.parse("255.255.255.255"));
    }

    @Test
    void formatsDottedQuad() {
        assertEquals("198.18.0.2", Ipv4Address.format(0xC6120002));
        assertEquals("255.255.255.255", Ipv4Address.format(-1));
        assertEquals("0.0.0.0", Ipv4Address.format(0));
    }

    @Test
    void roundTrips() {
        for (long addr = 0; addr <= 0xFFFF_FFFFL; addr += 0x0101_0101L * 7 + 13) {
            assertEquals((int) addr, Ipv4Address.parse(Ipv4Address.format((int) addr)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "1..2.3",
            "1.2.3.", "a.b.c.d", "-1.2.3.4", "1.2.3.0004", "1.2.3.4x"})
    void rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
        assertEquals("not a dotted-quad IPv4 address: \"" + text + "\"", e.getMessage());
    }
}
