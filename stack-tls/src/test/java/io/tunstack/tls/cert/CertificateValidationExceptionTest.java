package io.tunstack.tls.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateValidationExceptionTest {

    @Test
    void everyReasonMapsToItsRfc8446Alert() {
        Map<Reason, Integer> expected = new EnumMap<>(Reason.class);
        expected.put(Reason.EXPIRED, 45);
        expected.put(Reason.NOT_YET_VALID, 45);
        expected.put(Reason.UNKNOWN_CA, 48);
        expected.put(Reason.SELF_SIGNED, 48);
        expected.put(Reason.MISSING_INTERMEDIATE, 48);
        expected.put(Reason.HOSTNAME_MISMATCH, 46);
        expected.put(Reason.NOT_A_CA, 46);
        expected.put(Reason.PATH_LENGTH_EXCEEDED, 46);
        expected.put(Reason.BAD_KEY_USAGE, 46);
        expected.put(Reason.BAD_EXTENDED_KEY_USAGE, 46);
        expected.put(Reason.UNRECOGNIZED_CRITICAL_EXTENSION, 46);
        expected.put(Reason.NAME_CONSTRAINTS_VIOLATION, 46);
        expected.put(Reason.OTHER, 46);
        expected.put(Reason.WEAK_ALGORITHM, 43);
        expected.put(Reason.BAD_SIGNATURE, 42);
        expected.put(Reason.MALFORMED, 42);
        expected.put(Reason.EMPTY_CHAIN, 50);
        assertEquals(Reason.values().length, expected.size(), "every reason has an expected alert");
        for (Reason reason : Reason.values()) {
            assertEquals(expected.get(reason), new CertificateValidationException(reason, "m", null).alert(),
                    reason.name());
        }
    }

    @Test
    void carriesReasonMessageAndCause() {
        Throwable cause = new IllegalStateException("x");
        CertificateValidationException e = new CertificateValidationException(Reason.EXPIRED, "too old", cause);
        assertEquals(Reason.EXPIRED, e.reason());
        assertEquals("too old", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
