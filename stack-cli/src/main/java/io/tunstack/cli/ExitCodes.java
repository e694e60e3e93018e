package io.tunstack.cli;

import io.tunstack.nativ.NativeException;
import java.io.IOException;

/** curl-style exit codes, so scripts can tell failures apart. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }

    static int of(Exception e) {
        return FAILURE;
    }

    /** One line: what failed and why. */
    static String describe(Exception e) {
        if (e instanceof NativeException || e instanceof IOException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
