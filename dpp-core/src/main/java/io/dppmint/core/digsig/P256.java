package io.dppmint.core.digsig;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * NIST P-256 (secp256r1) keys with the JDK alone: generation, public keys from JWK
 * coordinates (checked to lie on the curve) or from SubjectPublicKeyInfo DER, and the
 * fixed-width encodings JWKs and the database use.
 */
public final class P256 {

	/** Bytes of a coordinate or a private scalar. */
	public static final int FIELD_BYTES = 32;

	static final ECParameterSpec PARAMETERS;

	private static final BigInteger P;

	private static final BigInteger A;

	private static final BigInteger B;

	static {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec("secp256r1"));
			PARAMETERS = parameters.getParameterSpec(ECParameterSpec.class);
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
		P = ((java.security.spec.ECFieldFp) PARAMETERS.getCurve().getField()).getP();
		A = PARAMETERS.getCurve().getA();
		B = PARAMETERS.getCurve().getB();
	}

	private P256() {
	}

	/**
	 * A new key pair from the JDK's strong random source.
	 * @return the private scalar (32 bytes) and the public key
	 */
	public static GeneratedKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair pair = generator.generateKeyPair();
			byte[] scalar = fixed(((ECPrivateKey) pair.getPrivate()).getS());
			return new GeneratedKey(scalar, (ECPublicKey) pair.getPublic());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot generate P-256 keys", ex);
		}
	}

	/**
	 * The public key at affine coordinates (x, y).
	 * @param x 32 bytes, big-endian
	 * @param y 32 bytes, big-endian
	 * @return the key
	 * @throws IllegalArgumentException if the coordinates are not 32 bytes each or the
	 * point is not on P-256
	 */
	public static ECPublicKey publicKey(byte[] x, byte[] y) {
		if (x.length != FIELD_BYTES || y.length != FIELD_BYTES) {
			throw new IllegalArgumentException("P-256 coordinates are " + FIELD_BYTES + " bytes each");
		}
		BigInteger bx = new BigInteger(1, x);
		BigInteger by = new BigInteger(1, y);
		if (bx.compareTo(P) >= 0 || by.compareTo(P) >= 0
				|| !by.pow(2).mod(P).equals(bx.pow(3).add(A.multiply(bx)).add(B).mod(P))) {
			throw new IllegalArgumentException("The point is not on curve P-256");
		}
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC")
				.generatePublic(new ECPublicKeySpec(new ECPoint(bx, by), PARAMETERS));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not a P-256 public key", ex);
		}
	}

	/**
	 * A public key from its SubjectPublicKeyInfo DER encoding, as {@code brand_keys}
	 * stores it.
	 * @param der the encoding
	 * @return the key
	 * @throws IllegalArgumentException if it is not a P-256 public key
	 */
	public static ECPublicKey publicKey(byte[] der) {
		try {
			ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
			return publicKey(x(key), y(key));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalArgumentException("Not a P-256 public key", ex);
		}
	}

	/** The x coordinate, 32 bytes. */
	public static byte[] x(ECPublicKey key) {
		return fixed(key.getW().getAffineX());
	}

	/** The y coordinate, 32 bytes. */
	public static byte[] y(ECPublicKey key) {
		return fixed(key.getW().getAffineY());
	}

	static byte[] fixed(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length == FIELD_BYTES) {
			return bytes;
		}
		if (bytes.length > FIELD_BYTES) {
			return Arrays.copyOfRange(bytes, bytes.length - FIELD_BYTES, bytes.length);
		}
		byte[] padded = new byte[FIELD_BYTES];
		System.arraycopy(bytes, 0, padded, FIELD_BYTES - bytes.length, bytes.length);
		return padded;
	}

	/**
	 * A freshly generated key.
	 *
	 * @param privateScalar the private scalar d, 32 bytes: wrap it before storing it
	 * @param publicKey the public key
	 */
	public record GeneratedKey(byte[] privateScalar, ECPublicKey publicKey) {

		@Override
		public String toString() {
			return "GeneratedKey[redacted]";
		}

	}

}
