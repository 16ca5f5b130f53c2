package io.dppmint.resolver.nfc;

/**
 * A tap's verdict as it travels to the passport page.
 *
 * @param verdict the verdict
 * @param counter the tap's SDMReadCtr, or {@code -1} when the message did not verify
 */
public record ShownVerdict(TapVerdict verdict, int counter) {

}
