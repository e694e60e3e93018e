package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Messages of NativeException and argument checks that need no privileges. */
class NativeExceptionTest {

    @Test
    void permissionErrorsSayHowToFixThem() {
        for (int errno : new int[] {Errno.EPERM, Errno.EACCES}) {
            NativeException e = NativeException.of("ioctl(TUNSETIFF, tun0)", errno);
            assertEquals("ioctl(TUNSETIFF, tun0) failed: not permitted (run as root or with CAP_NET_ADMIN)"
                    + " (errno " + errno + ": " + Errno.describe(errno) + ")", e.getMessage());
            assertEquals("ioctl(TUNSETIFF, tun0)", e.operation());
            assertEquals(errno, e.errno());
        }
    }

    @Test
    void otherErrorsCarryStrerror() {
        NativeException e = NativeException.of("ppoll", Errno.EINVAL);
        assertEquals("ppoll failed (errno 22: Invalid argument)", e.getMessage());
    }

    @Test
    void errnoOfTheLastCallIsSeen() {
        assertEquals(-1, LibC.INSTANCE.open("/nonexistent/tunstack", LibC.O_RDONLY));
        NativeException e = NativeException.last("open(/nonexistent/tunstack)");
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("open(/nonexistent/tunstack) failed (errno 2: No such file or directory)", e.getMessage());
    }

    @Test
    void invalidInterfaceNamesAreRejectedBeforeAnySystemCall() {
        String[] invalid = {"", "sixteen-chars-xx", ".", "..", "a/b", "a:b", "a b", "tün", null};
        for (String name : invalid) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TunDevice.open(name),
                    "name " + name);
            assertEquals(true, e.getMessage().contains("interface name"), e.getMessage());
        }
    }

    @Test
    void invalidNamespaceNamesAreRejected() {
        for (String netns : new String[] {"", "..", "../etc", "a/b"}) {
            assertThrows(IllegalArgumentException.class, () -> NetNamespace.call(netns, () -> 1), netns);
        }
    }

    @Test
    void nativeExceptionIsAnIoException() {
        assertEquals(IOException.class, NativeException.class.getSuperclass());
    }
}
