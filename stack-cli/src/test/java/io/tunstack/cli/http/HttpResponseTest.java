package io.tunstack.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {
    private static HttpResponse parse(String wire, String method) throws IOException {
        return HttpResponse.read(new BufferedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1))),
                method);
    }

    private static String body(String wire) throws IOException {
        return new String(parse(wire, "GET").body().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentLengthStopsAtTheLength() throws IOException {
        assertEquals("hello", body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA"));
    }

    @Test
    void chunkedBodiesAreDecodedWithExtensionsAndTrailers() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=x\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: yes\r\n\r\n";
        assertEquals("hello, world", body(wire));
    }

    @Test
    void withoutFramingTheBodyRunsToClose() throws IOException {
        assertEquals("until close", body("HTTP/1.0 200 OK\r\n\r\nuntil close"));
    }

    @Test
    void headAnd204And304HaveNoBody() throws IOException {
        assertEquals(0, parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD").body().readAllBytes().length);
        assertEquals("", body("HTTP/1.1 204 No Content\r\n\r\nignored"));
        assertEquals("", body("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"));
    }

    @Test
    void truncatedBodiesAreErrors() {
        assertThrows(EOFException.class, () -> body("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
        assertThrows(EOFException.class, () -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\nshort"));
    }

    @Test
    void malformedResponsesGiveClearErrors() {
        assertTrue(assertThrows(HttpFormatException.class, () -> parse("SSH-2.0-OpenSSH\r\n\r\n", "GET"))
                .getMessage().startsWith("malformed status line"));
        assertTrue(assertThrows(HttpFormatException.class, () -> parse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "GET"))
                .getMessage().startsWith("malformed header line"));
        assertTrue(assertThrows(HttpFormatException.class,
                () -> body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello"))
                .getMessage().contains("conflicting Content-Length"));
        assertTrue(assertThrows(HttpFormatException.class,
                () -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .getMessage().startsWith("bad chunk size line"));
        assertThrows(HttpFormatException.class, () -> parse("", "GET"));
    }

    @Test
    void headerLimitsStopAHostileServer() {
        String longLine = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(HeadReader.MAX_LINE) + "\r\n\r\n";
        assertTrue(assertThrows(HttpFormatException.class, () -> parse(longLine, "GET")).getMessage().contains("longer than"));
        String many = "HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(HeadReader.MAX_FIELDS + 1) + "\r\n";
        assertTrue(assertThrows(HttpFormatException.class, () -> parse(many, "GET")).getMessage().contains("too large"));
    }

    @Test
    void redirectsResolveRelativeLocations() {
        HttpUrl base = HttpUrl.parse("https://site.test:8443/a/b?q=1");
        assertEquals("https://site.test:8443/c", base.resolve("/c").toString());
        assertEquals("https://site.test:8443/a/d", base.resolve("d").toString());
        assertEquals("http://other.test/", base.resolve("http://other.test").toString());
        assertEquals("site.test:8443", base.hostHeader());
        assertThrows(IllegalArgumentException.class, () -> HttpUrl.parse("ftp://x/"));
    }
}
