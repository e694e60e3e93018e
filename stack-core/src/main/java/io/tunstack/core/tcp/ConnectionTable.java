package io.tunstack.core.tcp;

/**
 * Connections by 4-tuple in an open-addressing table with linear probing: the lookup hashes
 * (remote address, remote port, local port) packed in a long and compares the fields in place, so the
 * receive path allocates nothing. Deletion shifts later entries back (no tombstones).
 */
final class ConnectionTable {
    private TcpConnection[] slots = new TcpConnection[64];
    private int size;

    int size() {
        return size;
    }

    /** Every connection, in table order. */
    java.util.List<TcpConnection> all() {
        java.util.List<TcpConnection> list = new java.util.ArrayList<>(size);
        for (TcpConnection c : slots) {
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }

    TcpConnection get(int localAddr, int localPort, int remoteAddr, int remotePort) {
        int mask = slots.length - 1;
        for (int i = slot(localAddr, localPort, remoteAddr, remotePort, mask); ; i = (i + 1) & mask) {
            TcpConnection c = slots[i];
            if (c == null || c.matches(localAddr, localPort, remoteAddr, remotePort)) {
                return c;
            }
        }
    }

    /** Adds {@code c}; its 4-tuple must not be present. */
    void put(TcpConnection c) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, c);
        size++;
    }

    void remove(TcpConnection c) {
        int mask = slots.length - 1;
        int i = slot(c);
        while (slots[i] != c) {
            if (slots[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = null;
        size--;
        // Backward-shift deletion: move every following entry of the probe run that may sit at the hole.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slot(slots[j]);
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        TcpConnection[] bigger = new TcpConnection[slots.length * 2];
        for (TcpConnection c : slots) {
            if (c != null) {
                insert(bigger, c);
            }
        }
        slots = bigger;
    }

    private static void insert(TcpConnection[] table, TcpConnection c) {
        int mask = table.length - 1;
        int i = slot(c.localAddr(), c.localPort(), c.remoteAddr(), c.remotePort(), mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = c;
    }

    private int slot(TcpConnection c) {
        return slot(c.localAddr(), c.localPort(), c.remoteAddr(), c.remotePort(), slots.length - 1);
    }

    private static int slot(int localAddr, int localPort, int remoteAddr, int remotePort, int mask) {
        long key = ((long) remoteAddr << 32) | ((long) remotePort << 16) | localPort;
        long h = (key ^ ((long) localAddr * 0xC2B2AE3D27D4EB4FL)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
