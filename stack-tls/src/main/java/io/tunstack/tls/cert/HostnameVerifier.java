package io.tunstack.tls.cert;

import io.tunstack.tls.cert.CertificateValidationException.Reason;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.util.IPAddress;

/**
 * Matches the name the client connected to against the server certificate, per RFC 9525 (which
 * obsoletes RFC 6125).
 *
 * <ul>
 *   <li>Only subjectAltName entries count; the subject CN is never consulted (RFC 9525 §6.3).</li>
 *   <li>DNS names compare case-insensitively in ASCII after IDNA conversion of the reference
 *       name, ignoring one trailing dot (RFC 9525 §6.3).</li>
 *   <li>A wildcard is honoured only as the complete left-most label, matches exactly one
 *       non-empty label, and needs at least two labels after it (RFC 9525 §6.3): so
 *       {@code *.example.com} matches {@code a.example.com} but neither {@code a.b.example.com}
 *       nor {@code example.com}; {@code f*.example.com} and {@code xn--*.example.com} match
 *       nothing.</li>
 *   <li>An IPv4 or IPv6 literal matches only iPAddress entries, octet for octet, and never a
 *       dNSName (RFC 9525 §6.2).</li>
 * </ul>
 */
public final class HostnameVerifier {

    /** GeneralName tags, RFC 5280 §4.2.1.6. */
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    /**
     * @throws CertificateValidationException {@link Reason#HOSTNAME_MISMATCH} if no SAN entry
     *     matches, {@link Reason#MALFORMED} if the SAN extension cannot be decoded
     */
    public void verify(X509Certificate leaf, String serverName) throws CertificateValidationException {
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateValidationException(Reason.MALFORMED,
                    "undecodable subjectAltName extension", e);
        }
        if (sans != null && matchesAny(sans, serverName)) {
            return;
        }
        throw new CertificateValidationException(Reason.HOSTNAME_MISMATCH,
                "certificate of " + leaf.getSubjectX500Principal() + " is not valid for " + serverName
                        + (sans == null ? " (it has no subjectAltName)" : ""), null);
    }

    private static boolean matchesAny(Collection<List<?>> sans, String serverName) {
        byte[] ip = ipLiteral(serverName);
        String host = ip == null ? referenceDnsName(serverName) : null;
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            Object value = san.get(1);
            if (ip != null && type == SAN_IP_ADDRESS && value instanceof String
                    && Arrays.equals(ip, ipLiteral((String) value))) {
                return true;
            }
            if (host != null && type == SAN_DNS_NAME && value instanceof String
                    && matchesDnsPattern((String) value, host)) {
                return true;
            }
        }
        return false;
    }

    /** The address octets if {@code name} is an IPv4 or IPv6 literal (brackets allowed), else null. */
    static byte[] ipLiteral(String name) {
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!IPAddress.isValidIPv4(literal) && !IPAddress.isValidIPv6(literal)) {
            return null;
        }
        try {
            // Only ever given a literal here, so no resolver lookup happens.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Lower-case A-label form without trailing dot, or null if it cannot be a host name. */
    private static String referenceDnsName(String serverName) {
        String name;
        try {
            name = IDN.toASCII(serverName, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
        name = stripTrailingDot(name.toLowerCase(Locale.ROOT));
        if (name.isEmpty() || name.contains("*") || hasEmptyLabel(name)) {
            return null;
        }
        return name;
    }

    /**
     * Whether a presented dNSName (possibly a wildcard) matches a normalised reference host name
     * (lower case, no trailing dot), per RFC 9525 §6.3.
     */
    static boolean matchesDnsPattern(String presented, String host) {
        String pattern = stripTrailingDot(presented.toLowerCase(Locale.ROOT));
        if (pattern.isEmpty() || hasEmptyLabel(pattern)) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return !pattern.contains("*") && pattern.equals(host);
        }
        String parent = pattern.substring(2);
        if (parent.contains("*") || parent.indexOf('.') < 0) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot + 1).equals(parent);
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean hasEmptyLabel(String name) {
        return name.startsWith(".") || name.endsWith(".") || name.contains("..");
    }
}
