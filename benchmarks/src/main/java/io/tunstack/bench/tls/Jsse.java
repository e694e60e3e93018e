package io.tunstack.bench.tls;

import java.security.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/** The JSSE implementations compared. */
public enum Jsse {
    /** The JDK's SunJSSE. */
    JDK,
    /** Bouncy Castle's BCJSSE over the Bouncy Castle JCA provider. */
    BCJSSE;

    /**
     * BCJSSE logs two INFO lines per server handshake through java.util.logging, which goes to the console by
     * default; the formatting and writing would be measured as BCJSSE's work. Held here so the level sticks.
     */
    private static final Logger BCJSSE_LOG = Logger.getLogger("org.bouncycastle.jsse");

    /** The provider to ask for contexts and key or trust managers; null for the JDK's defaults. */
    Provider provider() {
        if (this == JDK) {
            return null;
        }
        BCJSSE_LOG.setLevel(Level.WARNING);
        return new BouncyCastleJsseProvider(new BouncyCastleProvider());
    }

    /** The key manager that keeps the server's private key in memory after {@code init}. */
    String keyManagerAlgorithm() {
        return this == JDK ? "SunX509" : "X.509";
    }
}
