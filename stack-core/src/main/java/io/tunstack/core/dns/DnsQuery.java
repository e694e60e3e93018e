package io.tunstack.core.dns;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.udp.UdpHandler;
import io.tunstack.core.udp.UdpSocket;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.Ipv4Address;
import java.util.function.Consumer;

/**
 * One resolution in flight: its own socket on a random ephemeral port and a random ID (RFC 5452 §9.2), the
 * query retransmitted with backoff until an acceptable answer arrives or the attempts run out. Retransmissions
 * keep the port and ID, so a late answer to an earlier transmission still completes the query. Messages that
 * do not answer the query (wrong source, malformed, wrong ID or question) are ignored, as a spoofed packet must
 * not end a resolution (RFC 5452 §9.1); the last such reason is reported if the query then times out.
 */
final class DnsQuery implements UdpHandler {
    private final DnsResolver resolver;
    private final String name;
    private final Consumer<DnsResult> onResult;
    private final DnsQuestion question;
    private final int id;
    private UdpSocket socket;
    private int attempt;
    private String lastRejection;
    private DnsStreamExchange stream;

    DnsQuery(DnsResolver resolver, String name, int id, Consumer<DnsResult> onResult) {
        this.resolver = resolver;
        this.name = name;
        this.id = id;
        this.onResult = onResult;
        this.question = new DnsQuestion(name, DnsType.A, DnsType.CLASS_IN);
    }

    void start() {
        try {
            socket = resolver.udp().bind(0, 0, this);
        } catch (IllegalStateException e) {
            onResult.accept(DnsResult.failure(name, DnsError.LOCAL_FAILURE, e.getMessage()));
            return;
        }
        transmit();
    }

    private void transmit() {
        socket.send(resolver.server(), resolver.port(), encodeQuery());
        socket.setTimer(resolver.clock().nanoTime() + resolver.config().timeoutNanos(attempt), this::onTimeout);
    }

    private ByteBuf encodeQuery() {
        ByteBuf query = resolver.udp().alloc().buffer(DnsCodec.HEADER_LENGTH + name.length() + 6);
        try {
            DnsCodec.encode(DnsMessage.query(id, name, DnsType.A), query);
        } catch (RuntimeException e) {
            query.release();
            throw e;
        }
        return query;
    }

    private void onTimeout() {
        attempt++;
        if (attempt < resolver.config().attempts()) {
            transmit();
            return;
        }
        String detail = "after " + attempt + " attempts to " + Ipv4Address.format(resolver.server()) + ":"
                + resolver.port() + (lastRejection == null ? "" : "; last message rejected: " + lastRejection);
        finish(DnsResult.failure(name, DnsError.TIMEOUT, detail));
    }

    @Override
    public void onDatagram(UdpSocket from, int srcAddr, int srcPort, ByteBuf payload) {
        if (stream != null) {
            return; // asking over TCP now; a late UDP answer is truncated too
        }
        if (srcAddr != resolver.server() || srcPort != resolver.port()) {
            lastRejection = "message from " + Ipv4Address.format(srcAddr) + ":" + srcPort
                    + ", not from the server queried";
            return;
        }
        DnsMessage response;
        try {
            response = DnsCodec.decode(payload);
        } catch (DnsFormatException e) {
            lastRejection = "malformed response: " + e.getMessage();
            return;
        }
        String mismatch = ResponseCheck.mismatch(response, id, question);
        if (mismatch != null) {
            lastRejection = mismatch;
            return;
        }
        if (response.isTruncated()) {
            retryOverTcp();
        } else {
            answer(response);
        }
    }

    /**
     * RFC 7766 §5: a truncated UDP answer is asked again over TCP, within the time the UDP retries had left.
     * The UDP socket stays bound until then: its timer is the deadline, and late datagrams are ignored.
     */
    private void retryOverTcp() {
        if (resolver.tcp() == null) {
            finish(DnsResult.failure(name, DnsError.TRUNCATED, "no TCP to retry over"));
            return;
        }
        ByteBuf query = encodeQuery();
        try {
            stream = new DnsStreamExchange(query, new DnsStreamExchange.Outcome() {
                @Override
                public void answered(DnsMessage response) {
                    String mismatch = ResponseCheck.mismatch(response, id, question);
                    if (mismatch != null) {
                        finish(DnsResult.failure(name, DnsError.TRUNCATED, "answer over TCP rejected: " + mismatch));
                    } else {
                        answer(response);
                    }
                }

                @Override
                public void failed(String reason) {
                    finish(DnsResult.failure(name, DnsError.TRUNCATED, reason));
                }
            }, resolver.server(), resolver.port());
        } finally {
            query.release();
        }
        socket.setTimer(resolver.clock().nanoTime() + resolver.config().tcpTimeoutNanos(), this::onTcpTimeout);
        stream.start(resolver.tcp(), resolver.udp().address(), resolver.server(), resolver.port());
    }

    private void onTcpTimeout() {
        stream.cancel();
        finish(DnsResult.failure(name, DnsError.TRUNCATED, "no answer over TCP from "
                + Ipv4Address.format(resolver.server()) + ":" + resolver.port()));
    }

    private void answer(DnsMessage response) {
        if (response.rcode() != 0) {
            finish(DnsResult.failure(name, DnsError.ofRcode(response.rcode()), "RCODE " + response.rcode()));
        } else {
            finish(AnswerChain.addresses(name, response));
        }
    }

    /**
     * RFC 1122 §4.1.3.3: an ICMP error about the query. Destination Unreachable ends the resolution at once
     * (port unreachable: no DNS server there); other errors are kept as the reason should it time out. The
     * quote must name the server and our random source port, which an off-path attacker does not know.
     */
    @Override
    public void onIcmpError(UdpSocket from, IcmpError error, int remotePort) {
        if (stream != null || error.remoteAddr() != resolver.server() || remotePort != resolver.port()) {
            return;
        }
        if (error.type() == IcmpPacket.TYPE_DESTINATION_UNREACHABLE) {
            finish(DnsResult.failure(name, DnsError.UNREACHABLE, error.describe()));
        } else {
            lastRejection = error.describe();
        }
    }

    private void finish(DnsResult result) {
        socket.close();
        onResult.accept(result);
    }
}
