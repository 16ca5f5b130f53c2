/**
 * Tamper-evident NFC tags (NXP NTAG 424 DNA, Secure Unique NFC): the per-token AES keys
 * ({@link io.dppmint.core.nfc.Ntag424Keys}, AN10922 diversification), the URL template
 * and NDEF offsets a tag is programmed with ({@link io.dppmint.core.nfc.SunUrlTemplate}),
 * and the verification of a tap's {@code picc_data} and {@code cmac}
 * ({@link io.dppmint.core.nfc.SunMessage}, AN12196): pure functions over bytes. Whether a
 * verified tap is fresh (its counter above the last one accepted) is decided by the
 * caller, where the counters are stored. Also the brands' master keys
 * ({@link io.dppmint.core.nfc.JdbcBrandNfcKeys}), stored wrapped under the platform's NFC
 * KEK ({@link io.dppmint.core.secrets.KeyWrapping#underNfcKek}).
 */
package io.dppmint.core.nfc;
