package io.tunstack.core.dns;

/**
 * Whether a decoded message answers our query (RFC 5452 §9.1): it must be a response to a standard query with
 * our ID, echoing our one question. The transport checks the source address and port.
 */
final class ResponseCheck {
    private ResponseCheck() {
    }

    /** Why {@code response} does not answer the query ({@code id}, {@code question}), or {@code null} if it does. */
    static String mismatch(DnsMessage response, int id, DnsQuestion question) {
        if (!response.isResponse()) {
            return "message is not a response (QR=0)";
        }
        if (response.id() != id) {
            return String.format("response ID 0x%04x does not match query ID 0x%04x", response.id(), id);
        }
        if (response.opcode() != 0) {
            return "response opcode " + response.opcode() + " is not a standard query";
        }
        if (response.questions().size() != 1) {
            return "response echoes " + response.questions().size() + " questions, expected 1";
        }
        DnsQuestion echoed = response.questions().get(0);
        if (!echoed.sameAs(question)) {
            return "response question \"" + echoed + "\" does not match \"" + question + "\"";
        }
        return null;
    }
}
