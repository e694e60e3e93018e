package io.tunstack.core.dns;

/** A DNS message that cannot be decoded: the text says what is wrong and at which offset. */
public final class DnsFormatException extends Exception {
    public DnsFormatException(String message) {
        super(message);
    }
}
