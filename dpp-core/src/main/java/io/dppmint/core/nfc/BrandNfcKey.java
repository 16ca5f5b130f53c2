package io.dppmint.core.nfc;

/**
 * A brand's NFC master key, unwrapped: what {@link Ntag424Keys#forToken} diversifies
 * every tag key of the brand from.
 *
 * @param brandId the brand
 * @param keyNumber its number within the brand (the key packs' {@code key_version})
 * @param masterKey the 16-byte AES key (the accessor returns a copy)
 */
public record BrandNfcKey(long brandId, int keyNumber, byte[] masterKey) {

	public BrandNfcKey {
		Aes128.requireKey(masterKey);
		masterKey = masterKey.clone();
	}

	@Override
	public byte[] masterKey() {
		return this.masterKey.clone();
	}

	/**
	 * The keys of one token's tag.
	 * @param tokenNumber the token
	 * @return its K0 to K4
	 */
	public Ntag424Keys tagKeys(long tokenNumber) {
		return Ntag424Keys.forToken(this.masterKey, tokenNumber);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof BrandNfcKey that) && this.brandId == that.brandId && this.keyNumber == that.keyNumber
				&& java.security.MessageDigest.isEqual(this.masterKey, that.masterKey);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.brandId) * 31 + this.keyNumber;
	}

	@Override
	public String toString() {
		return "BrandNfcKey[brandId=" + this.brandId + ", keyNumber=" + this.keyNumber + ", key redacted]";
	}

}
