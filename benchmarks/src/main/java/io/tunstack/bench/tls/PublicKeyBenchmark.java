package io.tunstack.bench.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The public-key operations a full TLS 1.3 handshake is made of, each in the JDK's JCA implementation and in
 * Bouncy Castle's lightweight one (no JCA layer), so the TLS code can use the faster of the two on each JDK:
 * X25519 key generation and agreement, ECDSA P-256 and RSA-PSS-2048 (SHA-256) signing and verifying of a
 * 130-byte message (the size of a TLS 1.3 CertificateVerify's signed content with SHA-256).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PublicKeyBenchmark {
    private static final PSSParameterSpec PSS_SHA256 = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private final SecureRandom random = new SecureRandom();
    private final byte[] message = new byte[130];
    private final byte[] x25519Scalar = new byte[X25519.SCALAR_SIZE];
    private final byte[] x25519Peer = new byte[X25519.POINT_SIZE];
    private final byte[] x25519Out = new byte[X25519.POINT_SIZE];
    private KeyPairGenerator jdkX25519Generator;
    private KeyPair jdkX25519;
    private PublicKey jdkX25519Peer;

    private KeyPair ecKeys;
    private byte[] ecSignature;
    private ECDomainParameters p256;
    private ECPrivateKeyParameters bcEcPrivate;
    private BigInteger[] bcEcSignature;

    private KeyPair rsaKeys;
    private byte[] rsaSignature;
    private RSAPrivateCrtKeyParameters bcRsaPrivate;
    private RSAKeyParameters bcRsaPublic;

    @Setup
    public void setUp() throws Exception {
        random.nextBytes(message);
        X25519.generatePrivateKey(random, x25519Scalar);
        byte[] peerScalar = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, peerScalar);
        X25519.generatePublicKey(peerScalar, 0, x25519Peer, 0);
        jdkX25519Generator = KeyPairGenerator.getInstance("XDH");
        jdkX25519Generator.initialize(NamedParameterSpec.X25519, random);
        jdkX25519 = jdkX25519Generator.generateKeyPair();
        jdkX25519Peer = jdkX25519Generator.generateKeyPair().getPublic();

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), random);
        ecKeys = ec.generateKeyPair();
        ecSignature = jdkEcdsaSign();
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        p256 = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        bcEcPrivate = new ECPrivateKeyParameters(((ECPrivateKey) ecKeys.getPrivate()).getS(), p256);
        bcEcSignature = bcEcdsaSign();

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048, random);
        rsaKeys = rsa.generateKeyPair();
        rsaSignature = jdkRsaSign();
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsaKeys.getPrivate();
        bcRsaPrivate = new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient());
        RSAPublicKey pub = (RSAPublicKey) rsaKeys.getPublic();
        bcRsaPublic = new RSAKeyParameters(false, pub.getModulus(), pub.getPublicExponent());
        if (!jdkEcdsaVerify() || !bcEcdsaVerify() || !jdkRsaVerify() || !bcRsaVerify()) {
            throw new IllegalStateException("a signature did not verify");
        }
    }

    @Benchmark
    public byte[] x25519KeyGenBc() {
        X25519.generatePrivateKey(random, x25519Scalar);
        X25519.generatePublicKey(x25519Scalar, 0, x25519Out, 0);
        return x25519Out;
    }

    @Benchmark
    public KeyPair x25519KeyGenJdk() {
        return jdkX25519Generator.generateKeyPair();
    }

    @Benchmark
    public boolean x25519AgreeBc() {
        return X25519.calculateAgreement(x25519Scalar, 0, x25519Peer, 0, x25519Out, 0);
    }

    @Benchmark
    public byte[] x25519AgreeJdk() throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(jdkX25519.getPrivate());
        agreement.doPhase(jdkX25519Peer, true);
        return agreement.generateSecret();
    }

    @Benchmark
    public byte[] jdkEcdsaSign() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(ecKeys.getPrivate(), random);
        signer.update(message);
        return signer.sign();
    }

    @Benchmark
    public BigInteger[] bcEcdsaSign() {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(bcEcPrivate, random));
        return signer.generateSignature(sha256(message));
    }

    @Benchmark
    public boolean jdkEcdsaVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ecKeys.getPublic());
        verifier.update(message);
        return verifier.verify(ecSignature);
    }

    /** The public key comes from a JDK key every time, as a handshake's certificate key does (no cached multiples). */
    @Benchmark
    public boolean bcEcdsaVerify() {
        ECPublicKey key = (ECPublicKey) ecKeys.getPublic();
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, new ECPublicKeyParameters(p256.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY()), p256));
        return signer.verifySignature(sha256(message), bcEcSignature[0], bcEcSignature[1]);
    }

    @Benchmark
    public byte[] jdkRsaSign() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("RSASSA-PSS");
        signer.setParameter(PSS_SHA256);
        signer.initSign(rsaKeys.getPrivate(), random);
        signer.update(message);
        return signer.sign();
    }

    @Benchmark
    public byte[] bcRsaSign() throws CryptoException {
        PSSSigner signer = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32);
        signer.init(true, new ParametersWithRandom(bcRsaPrivate, random));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Benchmark
    public boolean jdkRsaVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(PSS_SHA256);
        verifier.initVerify(rsaKeys.getPublic());
        verifier.update(message);
        return verifier.verify(rsaSignature);
    }

    @Benchmark
    public boolean bcRsaVerify() {
        PSSSigner signer = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32);
        signer.init(false, bcRsaPublic);
        signer.update(message, 0, message.length);
        return signer.verifySignature(rsaSignature);
    }

    private static byte[] sha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
