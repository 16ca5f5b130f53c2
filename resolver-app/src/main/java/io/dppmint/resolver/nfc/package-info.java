/**
 * NFC tags (NTAG 424 DNA, Secure Unique NFC): whether a tap is genuine (its SUN message
 * verifies under the token's keys and its counter is fresh), the activation a genuine tap
 * alone may trigger, and the signed verdict the passport page shows.
 */
package io.dppmint.resolver.nfc;
