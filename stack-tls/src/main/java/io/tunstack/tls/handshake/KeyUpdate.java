package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;

/** KeyUpdate { KeyUpdateRequest request_update; } (RFC 8446 §4.6.3). */
public final class KeyUpdate {

    private KeyUpdate() {
    }

    /** @return true for update_requested, false for update_not_requested */
    public static boolean decodeUpdateRequested(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int request = r.u8();
        r.expectEnd("KeyUpdate");
        if (request > 1) {
            throw new TlsException(AlertDescription.ILLEGAL_PARAMETER, "KeyUpdate request_update " + request);
        }
        return request == 1;
    }

    /** The KeyUpdateRequest's name, for traces. */
    public static String describe(boolean updateRequested) {
        return updateRequested ? "update_requested" : "update_not_requested";
    }

    public static HandshakeMessage encode(boolean updateRequested) {
        return HandshakeMessage.of(HandshakeType.KEY_UPDATE, new byte[] {(byte) (updateRequested ? 1 : 0)});
    }
}
