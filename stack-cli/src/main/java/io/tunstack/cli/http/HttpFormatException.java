package io.tunstack.cli.http;

import java.io.IOException;

/** A peer sent something that is not valid HTTP/1.1, or that exceeds our limits. */
public final class HttpFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public HttpFormatException(String message) {
        super(message);
    }
}
