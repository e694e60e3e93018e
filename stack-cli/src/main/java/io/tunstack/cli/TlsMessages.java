package io.tunstack.cli;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.HandshakeStep;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

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

    private static final Set<HandshakeEvent> SERVER_EVENTS =
            EnumSet.range(HandshakeEvent.CLIENT_HELLO_RECEIVED, HandshakeEvent.CLIENT_KEY_EXCHANGE_RECEIVED);

    private TlsMessages() {
    }

    /** The step's name in traces and event files, e.g. {@code server_hello_received}. */
    static String stepName(HandshakeEvent event) {
        return event.name().toLowerCase(Locale.ROOT);
    }

    static String name(HandshakeEvent event) {
        return switch (event) {
            case CLIENT_HELLO_SENT, CLIENT_HELLO_RECEIVED -> "ClientHello";
            case HELLO_RETRY_REQUEST_RECEIVED, HELLO_RETRY_REQUEST_SENT -> "HelloRetryRequest";
            case SERVER_HELLO_RECEIVED, SERVER_HELLO_SENT -> "ServerHello";
            case ENCRYPTED_EXTENSIONS_RECEIVED, ENCRYPTED_EXTENSIONS_SENT -> "EncryptedExtensions";
            case CERTIFICATE_RECEIVED, CERTIFICATE_SENT -> "Certificate";
            case CERTIFICATE_VERIFIED -> "(certificate check)";
            case CERTIFICATE_VERIFY_RECEIVED, CERTIFICATE_VERIFY_SENT -> "CertificateVerify";
            case SERVER_KEY_EXCHANGE_RECEIVED, SERVER_KEY_EXCHANGE_SENT -> "ServerKeyExchange";
            case CERTIFICATE_REQUEST_RECEIVED, CERTIFICATE_REQUEST_SENT -> "CertificateRequest";
            case SERVER_HELLO_DONE_RECEIVED, SERVER_HELLO_DONE_SENT -> "ServerHelloDone";
            case CLIENT_KEY_EXCHANGE_SENT, CLIENT_KEY_EXCHANGE_RECEIVED -> "ClientKeyExchange";
            case CHANGE_CIPHER_SPEC_SENT, CHANGE_CIPHER_SPEC_RECEIVED -> "ChangeCipherSpec";
            case CLIENT_FINISHED_SENT, SERVER_FINISHED_RECEIVED, SERVER_FINISHED_SENT, CLIENT_FINISHED_RECEIVED -> "Finished";
            case NEW_SESSION_TICKET_RECEIVED, NEW_SESSION_TICKET_SENT -> "NewSessionTicket";
            case KEY_UPDATE_SENT, KEY_UPDATE_RECEIVED -> "KeyUpdate";
        };
    }

    /** Seen from the client; the server-only events are read the other way round (a server's _SENT goes to the client). */
    static Direction direction(HandshakeEvent event) {
        if (event == HandshakeEvent.CERTIFICATE_VERIFIED) {
            return Direction.LOCAL;
        }
        boolean serverSide = SERVER_EVENTS.contains(event);
        return event.name().endsWith("_SENT") != serverSide ? Direction.TO_SERVER : Direction.FROM_SERVER;
    }

    /** The step as a trace line, e.g. {@code server_hello_received <- ServerHello: TLSv1.3, TLS_AES_128_GCM_SHA256, x25519}. */
    static String traceText(HandshakeStep step) {
        return stepName(step.event()) + " " + direction(step.event()).arrow + " "
                + name(step.event()) + (step.detail().isEmpty() ? "" : ": " + step.detail());
    }
}
