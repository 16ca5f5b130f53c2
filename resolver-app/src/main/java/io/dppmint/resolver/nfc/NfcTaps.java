package io.dppmint.resolver.nfc;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dppmint.core.database.DatabaseUnavailable;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.nfc.JdbcNfcTagCounters;
import io.dppmint.core.nfc.SunMessage;
import io.dppmint.core.nfc.SunVerification;
import io.dppmint.core.token.TokenActivation;
import io.dppmint.core.token.TokenToActivate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether a tap of an NTAG 424 DNA is genuine, and activates a first-scan token
 * only on a genuine tap. A tap is genuine when its SUN message verifies under the keys
 * diversified for the token the URL names ({@link SunMessage}) and one guarded upsert of
 * the tag's row in {@code nfc_tag_counters} succeeds: the first genuine tap binds the
 * tag's UID, and every later one must carry that UID and a counter strictly above the
 * last accepted. The upsert and the activation commit in one transaction, so a tap is
 * never counted without its activation or the other way round; concurrent taps with the
 * same counter give exactly one genuine verdict (the row lock orders them).
 * <p>
 * A valid message that is not fresh (a replay, a stale counter, another UID) counts in
 * {@code rejected_taps}; a message that does not verify writes nothing (so forged URLs
 * cost no writes). While the primary is unavailable the verdict is
 * {@link TapVerdict#UNVERIFIED} and nothing is activated. Taps are counted in
 * {@code dpp.resolver.nfc.taps{verdict=genuine|replay|invalid|unverified}}.
 */
public class NfcTaps {

	private static final Logger log = LoggerFactory.getLogger(NfcTaps.class);

	/** Who activates tokens on a genuine tap, as the audit log records it. */
	static final String ACTOR = "resolver";

	private final JdbcNfcTagCounters counters;

	private final TransactionTemplate transactions;

	private final TokenActivation activation;

	private final JdbcBrandNfcKeys keys;

	private final Cache<Long, BrandNfcKey> keysByBrand;

	private final Map<Outcome, Counter> taps = new EnumMap<>(Outcome.class);

	public NfcTaps(JdbcNfcTagCounters counters, TransactionTemplate transactions, TokenActivation activation,
			JdbcBrandNfcKeys keys, MeterRegistry meters, int cacheSize, Duration cacheTtl) {
		this.counters = counters;
		this.transactions = transactions;
		this.activation = activation;
		this.keys = keys;
		this.keysByBrand = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
		for (Outcome outcome : Outcome.values()) {
			this.taps.put(outcome,
					Counter.builder("dpp.resolver.nfc.taps")
						.tag("verdict", outcome.tag)
						.description("Taps of NFC tags by verdict (replay: authentic but not fresh)")
						.register(meters));
		}
	}

	/**
	 * Judge one tap.
	 * @param tap the token tapped and the SUN parameters of its URL
	 * @param activate whether to activate the token if the tap is genuine (it is a
	 * first-scan token resolved as {@code minted}; the activation's guarded update has
	 * the last word)
	 * @return the verdict, and whether this tap activated the token
	 */
	public TapResult tap(Tap tap, boolean activate) {
		SunVerification verification;
		try {
			Optional<BrandNfcKey> key = masterKey(tap.token().brandId());
			if (key.isEmpty()) {
				return count(Outcome.INVALID, new TapResult(new ShownVerdict(TapVerdict.NOT_GENUINE, -1), false));
			}
			verification = SunMessage.verify(tap.piccData(), tap.cmac(), key.get().tagKeys(tap.token().tokenId()));
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.test(ex)) {
				return count(Outcome.UNVERIFIED, new TapResult(new ShownVerdict(TapVerdict.UNVERIFIED, -1), false));
			}
			throw ex;
		}
		if (!(verification instanceof SunVerification.Valid valid)) {
			return count(Outcome.INVALID, new TapResult(new ShownVerdict(TapVerdict.NOT_GENUINE, -1), false));
		}
		try {
			TapResult result = this.transactions.execute((status) -> record(tap, valid, activate));
			return count((result.verdict().verdict() == TapVerdict.GENUINE) ? Outcome.GENUINE : Outcome.REPLAY, result);
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.test(ex)) {
				log.debug("Tap of token {} not checked: the primary is unavailable", tap.token().tokenId());
				return count(Outcome.UNVERIFIED,
						new TapResult(new ShownVerdict(TapVerdict.UNVERIFIED, valid.counter()), false));
			}
			throw ex;
		}
	}

	private TapResult record(Tap tap, SunVerification.Valid valid, boolean activate) {
		long tokenId = tap.token().tokenId();
		if (!this.counters.recordGenuine(tokenId, valid, tap.token().scannedAt())) {
			this.counters.recordRejected(tokenId);
			return new TapResult(new ShownVerdict(TapVerdict.NOT_GENUINE, valid.counter()), false);
		}
		boolean activated = activate && this.activation.activate(tap.token(), ACTOR);
		return new TapResult(new ShownVerdict(TapVerdict.GENUINE, valid.counter()), activated);
	}

	private Optional<BrandNfcKey> masterKey(long brandId) {
		BrandNfcKey cached = this.keysByBrand.getIfPresent(brandId);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<BrandNfcKey> key = this.keys.current(brandId);
		key.ifPresent((found) -> this.keysByBrand.put(brandId, found));
		return key;
	}

	private TapResult count(Outcome outcome, TapResult result) {
		this.taps.get(outcome).increment();
		return result;
	}

	/**
	 * One tap.
	 *
	 * @param token the token the URL names, when it was tapped, and what an activation's
	 * audit event records
	 * @param piccData the {@code picc_data} parameter, may be {@code null}
	 * @param cmac the {@code cmac} parameter, may be {@code null}
	 */
	public record Tap(TokenToActivate token, String piccData, String cmac) {

	}

	/**
	 * What a tap came to.
	 *
	 * @param verdict the verdict and the tap's counter
	 * @param activated whether this tap activated the token (committed)
	 */
	public record TapResult(ShownVerdict verdict, boolean activated) {

	}

	private enum Outcome {

		GENUINE("genuine"), REPLAY("replay"), INVALID("invalid"), UNVERIFIED("unverified");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

	}

}
