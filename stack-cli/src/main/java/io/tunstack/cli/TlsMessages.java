package io.tunstack.cli;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.HandshakeStep;
import java.util.Locale;

/**
 * The TLS message behind each {@link HandshakeEvent} and which way it travelled, named as in RFC 8446 §4
 * and RFC 5246 §7.4. {@link HandshakeEvent#CERTIFICATE_VERIFIED} is the client's own check, not a message.
 */
final class TlsMessages {
    /** Where a step happened: a message one way or the other, or a check inside the client. */
    enum Direction {
        TO_SERVER("client -> server", "->"), FROM_SERVER("server -> client", "<-"), LOCAL("client", "  ");

        final String words;
        final String arrow;

        Direction(String words, String arrow) {
            this.words = words;
            this.arrow = arrow;
        }
    }

    private TlsMessages() {
    }

    /** The step's name in traces and event files, e.g. {@code server_hello_received}. */
    static String stepName(HandshakeEvent event) {
        return event.name().toLowerCase(Locale.ROOT);
    }

    static String name(HandshakeEvent event) {
        return switch (event) {
            case CLIENT_HELLO_SENT -> "ClientHello";
            case HELLO_RETRY_REQUEST_RECEIVED -> "HelloRetryRequest";
            case SERVER_HELLO_RECEIVED -> "ServerHello";
            case ENCRYPTED_EXTENSIONS_RECEIVED -> "EncryptedExtensions";
            case CERTIFICATE_RECEIVED, CERTIFICATE_SENT -> "Certificate";
            case CERTIFICATE_VERIFIED -> "(certificate check)";
            case CERTIFICATE_VERIFY_RECEIVED, CERTIFICATE_VERIFY_SENT -> "CertificateVerify";
            case SERVER_KEY_EXCHANGE_RECEIVED -> "ServerKeyExchange";
            case CERTIFICATE_REQUEST_RECEIVED -> "CertificateRequest";
            case SERVER_HELLO_DONE_RECEIVED -> "ServerHelloDone";
            case CLIENT_KEY_EXCHANGE_SENT -> "ClientKeyExchange";
            case CHANGE_CIPHER_SPEC_SENT, CHANGE_CIPHER_SPEC_RECEIVED -> "ChangeCipherSpec";
            case CLIENT_FINISHED_SENT, SERVER_FINISHED_RECEIVED -> "Finished";
            case NEW_SESSION_TICKET_RECEIVED -> "NewSessionTicket";
            case KEY_UPDATE_SENT, KEY_UPDATE_RECEIVED -> "KeyUpdate";
        };
    }

    static Direction direction(HandshakeEvent event) {
        if (event == HandshakeEvent.CERTIFICATE_VERIFIED) {
            return Direction.LOCAL;
        }
        return event.name().endsWith("_SENT") ? Direction.TO_SERVER : Direction.FROM_SERVER;
    }

    /** The step as a trace line, e.g. {@code server_hello_received <- ServerHello: TLSv1.3, TLS_AES_128_GCM_SHA256, x25519}. */
    static String traceText(HandshakeStep step) {
        return stepName(step.event()) + " " + direction(step.event()).arrow + " "
                + name(step.event()) + (step.detail().isEmpty() ? "" : ": " + step.detail());
    }
}
