/**
 * Signed codes, profile DPP-ES256-v1: a unit's GS1 element string (AI 01, optional 10,
 * 21) signed with its brand's ECDSA P-256 key and carried as GS1 AI 8030, the Digital
 * Link data attribute {@code ?8030=}. Builds and parses the signed element strings,
 * encodes the 8030 value, signs (BouncyCastle, RFC 6979 deterministic nonces), verifies
 * (JDK only), reads and writes JWK sets and keeps the brands' keys (wrapped under the
 * platform's signing KEK by {@code io.dppmint.core.secrets.KeyWrapping}). The codec and
 * the verifier are plain Java without Spring or a database, so that an offline verifier
 * can use them (docs/signatures.md).
 */
package io.dppmint.core.digsig;
