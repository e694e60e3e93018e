package io.tunstack.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WireErrorTest {

    @Test
    void labelsAreSnakeCaseNames() {
        assertEquals("bad_checksum", WireError.BAD_CHECKSUM.label());
        assertEquals("syn_fin", WireError.SYN_FIN.label());
        for (WireError error : WireError.values()) {
            assertEquals(error.name().toLowerCase(java.util.Locale.ROOT), error.label());
        }
    }
}
