package io.tunstack.bench.tls;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/** The JSSE implementations compared. */
public enum Jsse {
    /** The JDK's SunJSSE. */
    JDK,
    /** Bouncy Castle's BCJSSE over the Bouncy Castle JCA provider. */
    BCJSSE;

    /** The provider to ask for contexts and key or trust managers; null for the JDK's defaults. */
    Provider provider() {
        return this == JDK ? null : new BouncyCastleJsseProvider(new BouncyCastleProvider());
    }

    /** The key manager that keeps the server's private key in memory after {@code init}. */
    String keyManagerAlgorithm() {
        return this == JDK ? "SunX509" : "X.509";
    }
}
