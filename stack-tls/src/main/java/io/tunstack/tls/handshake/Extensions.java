package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A received extensions block: extension type to extension_data. */
public final class Extensions {

    private final Map<Integer, byte[]> entries;

    private Extensions(Map<Integer, byte[]> entries) {
        this.entries = entries;
    }

    /**
     * Reads {@code Extension extensions<0..2^16-1>}; duplicates are illegal_parameter (RFC 8446 §4.2).
     * An absent block (nothing left in {@code reader}) is an empty set, as TLS 1.2 allows.
     */
    public static Extensions read(ByteReader reader) throws TlsException {
        Map<Integer, byte[]> entries = new LinkedHashMap<>();
        if (reader.hasRemaining()) {
            ByteReader block = reader.sub(2);
            while (block.hasRemaining()) {
                int type = block.u16();
                byte[] data = block.vector16(0);
                if (entries.put(type, data) != null) {
                    throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "duplicate extension " + type);
                }
            }
        }
        return new Extensions(entries);
    }

    /** The extension types in the order they were received. */
    public List<Integer> types() {
        return List.copyOf(entries.keySet());
    }

    /** True if both blocks hold the same extensions in the same order, apart from the types in {@code ignored}. */
    public boolean sameExcept(Extensions other, Set<Integer> ignored) {
        List<Integer> mine = types().stream().filter(t -> !ignored.contains(t)).toList();
        List<Integer> theirs = other.types().stream().filter(t -> !ignored.contains(t)).toList();
        return mine.equals(theirs) && mine.stream().allMatch(t -> Arrays.equals(entries.get(t), other.entries.get(t)));
    }

    /** The extension_data, or null if absent. */
    public byte[] get(int type) {
        return entries.get(type);
    }

    /** A reader over the extension_data, or null if absent. */
    public ByteReader reader(int type) {
        byte[] data = entries.get(type);
        return data == null ? null : new ByteReader(data);
    }

    /**
     * RFC 8446 §4.2 / RFC 5246 §7.4.1.4: a peer may only answer with extensions the client offered
     * and that are allowed in this message; anything else is unsupported_extension.
     */
    public void requireOnly(Set<Integer> allowed, String message) throws TlsException {
        for (int type : entries.keySet()) {
            if (!allowed.contains(type)) {
                throw new TlsException(AlertDescription.UNSUPPORTED_EXTENSION, "extension " + type + " not allowed in " + message);
            }
        }
    }
}
