package io.tunstack.cli.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An http or https URL split into what a request needs (RFC 9110 §4.2). */
public record HttpUrl(boolean https, String host, int port, String target) {

    /**
     * Parses an absolute http(s) URL.
     *
     * @throws IllegalArgumentException with a user-readable reason for anything else
     */
    public static HttpUrl parse(String text) {
        try {
            return of(new URI(text));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL " + text + ": " + e.getReason());
        }
    }

    /** The URL a Location header points to, resolved against this one (RFC 9110 §10.2.2). */
    public HttpUrl resolve(String location) {
        try {
            return of(toUri().resolve(new URI(location.strip())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad redirect Location " + location + ": " + e.getMessage());
        }
    }

    private static HttpUrl of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http:// and https:// URLs are supported: " + uri);
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("URL needs a host (and no user info): " + uri);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new HttpUrl(https, uri.getHost().toLowerCase(Locale.ROOT), port, target);
    }

    /** The Host header value: the port only when it is not the scheme's default (RFC 9110 §7.2). */
    public String hostHeader() {
        return port == (https ? 443 : 80) ? host : host + ":" + port;
    }

    public URI toUri() {
        return URI.create((https ? "https" : "http") + "://" + hostHeader() + target);
    }

    @Override
    public String toString() {
        return toUri().toString();
    }
}
