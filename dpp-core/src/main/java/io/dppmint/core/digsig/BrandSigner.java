package io.dppmint.core.digsig;

import java.math.BigInteger;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * Signs element strings with one brand key: ECDSA over P-256 with SHA-256 and the
 * deterministic nonce of RFC 6979 §3.2 (BouncyCastle {@code HMacDSAKCalculator} on its
 * optimised {@code secp256r1} curve). Deterministic signing is what makes a retried or
 * restarted mint chunk write the very same signature bytes.
 * <p>
 * Signatures are IEEE P1363 {@code r || s}, 64 bytes, written into a caller's array so
 * that a chunk of units is signed without an object per unit. Not thread-safe: one
 * instance per writer thread.
 */
public final class BrandSigner {

	private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");

	private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
			CURVE.getN(), CURVE.getH());

	private final int keyNumber;

	private final ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));

	private final SHA256Digest digest = new SHA256Digest();

	private final byte[] hash = new byte[32];

	/**
	 * A signer for one key.
	 * @param keyNumber the key's number, 1 to 255, carried in the AI 8030 value
	 * @param privateScalar the private scalar d, 32 bytes big-endian
	 */
	public BrandSigner(int keyNumber, byte[] privateScalar) {
		if (keyNumber < 1 || keyNumber > 255) {
			throw new IllegalArgumentException("Key numbers run from 1 to 255, not " + keyNumber);
		}
		if (privateScalar == null || privateScalar.length != P256.FIELD_BYTES) {
			throw new IllegalArgumentException("A P-256 private key is " + P256.FIELD_BYTES + " bytes");
		}
		BigInteger d = new BigInteger(1, privateScalar);
		if (d.signum() == 0 || d.compareTo(DOMAIN.getN()) >= 0) {
			throw new IllegalArgumentException("The private key is outside the P-256 group order");
		}
		this.keyNumber = keyNumber;
		this.signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
	}

	/** The number of the key this signer uses. */
	public int keyNumber() {
		return this.keyNumber;
	}

	/**
	 * Sign a message.
	 * @param message the bytes (for a unit, {@link Gs1ElementString#message()})
	 * @param offset where the message starts
	 * @param length its length
	 * @param signatures where to write {@code r || s}
	 * @param signatureOffset where in {@code signatures}; 64 bytes are written
	 */
	public void sign(byte[] message, int offset, int length, byte[] signatures, int signatureOffset) {
		this.digest.update(message, offset, length);
		this.digest.doFinal(this.hash, 0);
		BigInteger[] rs = this.signer.generateSignature(this.hash);
		BigIntegers.asUnsignedByteArray(rs[0], signatures, signatureOffset, P256.FIELD_BYTES);
		BigIntegers.asUnsignedByteArray(rs[1], signatures, signatureOffset + P256.FIELD_BYTES, P256.FIELD_BYTES);
	}

	/**
	 * Sign a message.
	 * @param message the bytes
	 * @return {@code r || s}, 64 bytes
	 */
	public byte[] sign(byte[] message) {
		byte[] signature = new byte[DigitalSignature8030.SIGNATURE_BYTES];
		sign(message, 0, message.length, signature, 0);
		return signature;
	}

	/**
	 * Sign a unit's element string.
	 * @param elementString the unit
	 * @return its AI 8030 value
	 */
	public DigitalSignature8030 sign(Gs1ElementString elementString) {
		return DigitalSignature8030.of(this.keyNumber, sign(elementString.message()));
	}

	@Override
	public String toString() {
		return "BrandSigner[key " + this.keyNumber + "]";
	}

}
