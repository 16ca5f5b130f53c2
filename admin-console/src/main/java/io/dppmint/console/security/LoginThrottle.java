package io.dppmint.console.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slows password guessing at the console's login form. Failed logins are counted per user
 * name and per client address in PostgreSQL, so every console replica sees the same
 * counts: after {@code userLimit} failures within the window for one user name (or
 * {@code addressLimit} from one address) further attempts are refused without checking
 * the password for a minute, doubling with each further failure up to 15 minutes. A
 * successful login clears the user name's count (not the address's).
 * <p>
 * Neither names nor addresses are stored: a subject is
 * {@code HMAC-SHA256(key, kind || value)} under a key the database never holds, so the
 * table cannot be read back into the addresses that tried to log in.
 */
public final class LoginThrottle {

	/** How long failures count towards a block. */
	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_BLOCK = Duration.ofMinutes(1);

	static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final SecretKeySpec key;

	private final int userLimit;

	private final int addressLimit;

	/**
	 * @param jdbc the console's database
	 * @param key the HMAC key subjects are made with
	 * @param userLimit failures of one user name before it is blocked
	 * @param addressLimit failures from one address before it is blocked
	 */
	LoginThrottle(JdbcClient jdbc, byte[] key, int userLimit, int addressLimit) {
		this.jdbc = jdbc;
		this.key = new SecretKeySpec(key, "HmacSHA256");
		this.userLimit = userLimit;
		this.addressLimit = addressLimit;
	}

	/**
	 * Until when a login of {@code username} from {@code address} is refused, if it is.
	 */
	Optional<Instant> blockedUntil(String username, String address) {
		return this.jdbc.sql("""
				select max(blocked_until) from login_throttle
				where subject in (:user, :address) and blocked_until > now()""")
			.param("user", subject("user", normalised(username)))
			.param("address", subject("address", address))
			.query((rs, row) -> rs.getTimestamp(1))
			.optional()
			.map(Timestamp::toInstant);
	}

	/** Count a failed login of {@code username} from {@code address}. */
	void failed(String username, String address) {
		count(subject("user", normalised(username)), this.userLimit);
		count(subject("address", address), this.addressLimit);
	}

	/** Clear the count of a user name that has just logged in. */
	void succeeded(String username) {
		this.jdbc.sql("delete from login_throttle where subject = :user")
			.param("user", subject("user", normalised(username)))
			.update();
	}

	/** Forget counts whose window and block are over. */
	int forgetExpired() {
		return this.jdbc.sql("""
				delete from login_throttle
				where window_started_at < now() - make_interval(secs => :window)
					and (blocked_until is null or blocked_until < now())""")
			.param("window", WINDOW.toSeconds())
			.update();
	}

	private void count(String subject, int limit) {
		this.jdbc
			.sql("""
					insert into login_throttle as t (subject, failures, window_started_at, blocked_until)
					values (:subject, 1, now(), case when :limit <= 1 then now() + make_interval(secs => :first) end)
					on conflict (subject) do update set
						failures = case when t.window_started_at < now() - make_interval(secs => :window) then 1
							else t.failures + 1 end,
						window_started_at = case when t.window_started_at < now() - make_interval(secs => :window) then now()
							else t.window_started_at end,
						blocked_until = case
							when t.window_started_at < now() - make_interval(secs => :window) then null
							when t.failures + 1 >= :limit then now() + least(make_interval(secs => :longest),
								make_interval(secs => :first * power(2, least(t.failures + 1 - :limit, 10))))
							else t.blocked_until end""")
			.param("subject", subject)
			.param("limit", limit)
			.param("first", FIRST_BLOCK.toSeconds())
			.param("longest", LONGEST_BLOCK.toSeconds())
			.param("window", WINDOW.toSeconds())
			.update();
	}

	private String subject(String kind, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(kind.getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) 0);
			return kind + ":" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String normalised(String username) {
		return (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
	}

}
