package io.tunstack.tls;

/**
 * Receives each {@link HandshakeStep} as it happens, e.g. for a live trace. Called synchronously on
 * the thread that drives the {@link TlsClient} (inside {@link TlsClient#feed}, {@link TlsClient#write},
 * the constructor, ...; with {@link TlsStreams} while the client's lock is held), so it must be quick
 * and must not call back into the client.
 *
 * <p>It must not throw: an exception from {@link #onStep} fails the connection with an internal_error
 * alert, and the {@link TlsException} (with the listener's exception as cause) is thrown to the caller.
 */
@FunctionalInterface
public interface TlsHandshakeListener {

    void onStep(HandshakeStep step);
}
