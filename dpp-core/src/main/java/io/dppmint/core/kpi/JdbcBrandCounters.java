package io.dppmint.core.kpi;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's maintained counters, one row per brand. Every change is made inside the
 * transaction that changes what it counts (a mint chunk, an activation, an export's
 * completion), so the KPIs are exact and never need {@code COUNT(*)} over the token
 * table.
 */
public class JdbcBrandCounters {

	private final JdbcClient jdbc;

	public JdbcBrandCounters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Count {@code minted} new tokens of which {@code active} start active. */
	public void tokensMinted(long brandId, long minted, long active) {
		this.jdbc.sql("""
				update brand_counters
				set tokens_minted = tokens_minted + :minted, active_tokens = active_tokens + :active
				where brand_id = :brandId""")
			.param("minted", minted)
			.param("active", active)
			.param("brandId", brandId)
			.update();
	}

	/**
	 * Count tokens that became active ({@code delta} > 0) or stopped being active (< 0).
	 */
	public void activeTokensChanged(long brandId, long delta) {
		this.jdbc.sql("update brand_counters set active_tokens = active_tokens + :delta where brand_id = :brandId")
			.param("delta", delta)
			.param("brandId", brandId)
			.update();
	}

	public void batchCreated(long brandId) {
		this.jdbc.sql("update brand_counters set batches_created = batches_created + 1 where brand_id = :brandId")
			.param("brandId", brandId)
			.update();
	}

	public void exportCompleted(long brandId) {
		this.jdbc.sql("update brand_counters set exports_completed = exports_completed + 1 where brand_id = :brandId")
			.param("brandId", brandId)
			.update();
	}

	/**
	 * The counters of the given brands summed, or of all brands when {@code brandIds} is
	 * {@code null}.
	 */
	public BrandKpis totals(List<Long> brandIds) {
		String where = (brandIds != null) ? " where brand_id = any(:brandIds)" : "";
		var spec = this.jdbc
			.sql("""
					select coalesce(sum(tokens_minted), 0) as tokens_minted, coalesce(sum(active_tokens), 0) as active_tokens,
					coalesce(sum(batches_created), 0) as batches_created, coalesce(sum(exports_completed), 0) as exports_completed
					from brand_counters"""
					+ where);
		if (brandIds != null) {
			spec = spec.param("brandIds", brandIds.toArray(Long[]::new));
		}
		return spec
			.query((rs, row) -> new BrandKpis(rs.getLong("tokens_minted"), rs.getLong("active_tokens"),
					rs.getLong("batches_created"), rs.getLong("exports_completed")))
			.single();
	}

	/**
	 * The four dashboard KPIs.
	 *
	 * @param tokensMinted Total Tokens Minted
	 * @param activeTokens Active Tokens
	 * @param batchesCreated Batches Created
	 * @param exportsCompleted Exported / Printed
	 */
	public record BrandKpis(long tokensMinted, long activeTokens, long batchesCreated, long exportsCompleted) {

	}

}
