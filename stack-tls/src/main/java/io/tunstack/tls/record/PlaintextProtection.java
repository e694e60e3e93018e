package io.tunstack.tls.record;

/**
 * The initial null protection: records carry their content in the clear. legacy_record_version is
 * 0x0303 on every record we send (RFC 8446 §5.1 allows it for the initial ClientHello too).
 */
public final class PlaintextProtection implements RecordProtection {

    public static final PlaintextProtection INSTANCE = new PlaintextProtection();

    private PlaintextProtection() {
    }

    @Override
    public int maxFragmentLength() {
        return RecordLimits.MAX_PLAINTEXT;
    }

    @Override
    public int recordLength(int plaintextLength) {
        return RecordLimits.HEADER_LENGTH + plaintextLength;
    }

    @Override
    public int seal(ContentType type, byte[] src, int off, int len, byte[] dst, int dstOff) {
        RecordProtection.writeHeader(dst, dstOff, type.code(), len);
        System.arraycopy(src, off, dst, dstOff + RecordLimits.HEADER_LENGTH, len);
        return RecordLimits.HEADER_LENGTH + len;
    }

    @Override
    public TlsPlaintext open(TlsCiphertext record) {
        return record.asPlaintext();
    }
}
