package io.tunstack.cli;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a connection's streams to count the bytes that pass each way. */
final class CountingStreams {
    final AtomicLong received = new AtomicLong();
    final AtomicLong sent = new AtomicLong();

    InputStream wrap(InputStream stream) {
        return new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    received.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    received.addAndGet(n);
                }
                return n;
            }
        };
    }

    OutputStream wrap(OutputStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(int b) throws IOException {
                stream.write(b);
                sent.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
                sent.addAndGet(len);
            }
        };
    }
}
