package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** CertificateVerify { SignatureScheme algorithm; opaque signature<0..2^16-1>; } (RFC 8446 §4.4.3, RFC 5246 §7.4.8). */
public record CertificateVerify(int scheme, byte[] signature) {

    /** The TLS 1.3 context strings that keep server and client signatures apart (RFC 8446 §4.4.3). */
    public static final String SERVER_CONTEXT = "TLS 1.3, server CertificateVerify";
    public static final String CLIENT_CONTEXT = "TLS 1.3, client CertificateVerify";

    public static CertificateVerify decode(HandshakeMessage message) throws TlsException {
        ByteReader r = message.body();
        int scheme = r.u16();
        byte[] signature = r.vector16(0);
        r.expectEnd("CertificateVerify");
        return new CertificateVerify(scheme, signature);
    }

    public HandshakeMessage encode() {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE_VERIFY, new ByteWriter().u16(scheme).opaque(2, signature).toByteArray());
    }

    /** What TLS 1.3 signs (RFC 8446 §4.4.3): 64 spaces, the context string, a zero byte, then the transcript hash. */
    public static byte[] tls13Content(String contextString, byte[] transcriptHash) {
        byte[] context = contextString.getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, content, 64, context.length);
        System.arraycopy(transcriptHash, 0, content, content.length - transcriptHash.length, transcriptHash.length);
        return content;
    }
}
