package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {
    @Test
    void findsByFourTupleThroughGrowthAndDeletion() {
        TcpScript s = new TcpScript();
        List<TcpConnection> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Same remote port and address for many: collisions on the packed key differ only by port.
            all.add(s.layer.connect(TcpScript.LOCAL + (i % 3), 1024 + i, TcpScript.REMOTE, 443, null));
        }
        assertEquals(3000, s.layer.connectionCount());
        Random random = new Random(9);
        List<TcpConnection> removed = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            TcpConnection c = all.remove(random.nextInt(all.size()));
            c.abort();
            removed.add(c);
        }
        assertEquals(1500, s.layer.connectionCount());
        for (TcpConnection c : all) {
            assertSame(c, s.layer.find(c.localAddr(), c.localPort(), c.remoteAddr(), c.remotePort()));
        }
        for (TcpConnection c : removed) {
            assertNull(s.layer.find(c.localAddr(), c.localPort(), c.remoteAddr(), c.remotePort()));
        }
        assertNull(s.layer.find(TcpScript.LOCAL, 1024, TcpScript.REMOTE, 444));
    }
}
