package io.dppmint.export.backup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The NDJSON entries of a backup archive, in the order a restore inserts them, each with
 * the query that writes it: one JSON object per line, the row as PostgreSQL's
 * {@code to_jsonb} writes it (column names as keys, {@code bytea} as {@code \x} hex), so
 * that a restore reads it back with {@code jsonb_populate_record} into the same types.
 * Every query takes the brand's id as its one parameter.
 */
final class BackupEntries {

	static final String BRAND = "brand.ndjson";

	static final String PASSPORT_SCHEMAS = "passport_schemas.ndjson";

	static final String PRODUCTS = "products.ndjson";

	static final String PRODUCTION_RUNS = "production_runs.ndjson";

	static final String BRAND_KEYS = "brand_keys.ndjson";

	static final String MINT_BATCHES = "mint_batches.ndjson";

	static final String LOTS = "lots.ndjson";

	static final String TOKEN_RANGES = "token_ranges.ndjson";

	static final String TOKEN_DEVIATIONS = "token_deviations.ndjson";

	static final String TOKEN_SIGNATURES = "token_signatures.ndjson";

	static final String PASSPORT_VERSIONS = "passport_versions.ndjson";

	static final String PASSPORT_HEADS = "passport_heads.ndjson";

	static final String PASSPORT_LINEAGE = "passport_lineage.ndjson";

	static final String RESOLVER_LINKS = "resolver_links.ndjson";

	static final String ACCESS_GRANTS = "access_grants.ndjson";

	static final String REGISTRY_REGISTRATIONS = "registry_registrations.ndjson";

	static final String AUDIT_EVENTS = "audit_events.ndjson";

	private BackupEntries() {
	}

	/**
	 * The entries every archive of this format has ({@link #ACCESS_GRANTS} is optional);
	 * an archive may name no other.
	 */
	static Set<String> required() {
		Set<String> names = new LinkedHashSet<>();
		queries(false).forEach((query) -> names.add(query.name()));
		return names;
	}

	/** The entries of one backup and their queries. */
	static List<Query> queries(boolean withGrants) {
		List<Query> queries = new ArrayList<>();
		queries.add(new Query(BRAND, "select to_jsonb(b) - 'restored_from' from brands b where b.id = ?"));
		queries.add(new Query(PASSPORT_SCHEMAS,
				"select to_jsonb(s) from passport_schemas s where s.brand_id = ? order by s.id"));
		queries.add(new Query(PRODUCTS, "select to_jsonb(p) from products p where p.brand_id = ? order by p.id"));
		queries.add(new Query(PRODUCTION_RUNS,
				"select to_jsonb(r) from production_runs r where r.brand_id = ? order by r.id"));
		// Public parts only: the private key stays wrapped at the source
		// (docs/backup.md).
		queries.add(new Query(BRAND_KEYS,
				"select to_jsonb(k) - 'wrapped_key' - 'kek_version' from brand_keys k where k.brand_id = ? order by k.id"));
		queries
			.add(new Query(MINT_BATCHES, "select to_jsonb(b) from mint_batches b where b.brand_id = ? order by b.id"));
		queries.add(new Query(LOTS, """
				select to_jsonb(l) from lots l join mint_batches b on b.id = l.batch_id
				where b.brand_id = ? order by l.id"""));
		// Runs of consecutive token numbers with the same batch, lot and creation time
		// (one
		// per mint chunk): a 1,000,000-unit batch is a few dozen lines.
		queries.add(new Query(TOKEN_RANGES, """
				select jsonb_build_object('batch_id', batch_id, 'lot_id', lot_id, 'first_token_id', min(id),
					'count', count(*), 'created_at', created_at)
				from (
					select t.id, t.batch_id, t.lot_id, t.created_at,
						t.id - row_number() over (partition by t.batch_id, t.lot_id, t.created_at order by t.id) as run
					from mint_batches b
					join tokens t on t.id between b.first_token_id and b.first_token_id + b.quantity - 1
					where b.brand_id = ?
				) tokens
				group by batch_id, lot_id, created_at, run
				order by min(id)"""));
		// Tokens whose state is not the one their batch gives them at mint: activated by
		// a
		// scan, revoked (with the revocation's reason), or activated at mint with a time.
		queries.add(new Query(TOKEN_DEVIATIONS, """
				select jsonb_build_object('token_id', t.id, 'status', t.status, 'activated_at', t.activated_at,
					'revocation', to_jsonb(r) - 'token_id')
				from mint_batches b
				join tokens t on t.id between b.first_token_id and b.first_token_id + b.quantity - 1
				left join token_revocations r on r.token_id = t.id
				where b.brand_id = ?
				and (t.status <> case b.activation_mode when 'active' then 1 else 0 end or t.activated_at is not null)
				order by t.id"""));
		queries.add(new Query(TOKEN_SIGNATURES, """
				select to_jsonb(s) from mint_batches b
				join token_signatures s on s.token_id between b.first_token_id and b.first_token_id + b.quantity - 1
				where b.brand_id = ? and b.signing_key_id is not null
				order by s.token_id"""));
		queries.add(new Query(PASSPORT_VERSIONS,
				"select to_jsonb(v) from passport_versions v where v.brand_id = ? order by v.id"));
		queries.add(new Query(PASSPORT_HEADS, """
				select to_jsonb(h) from passport_heads h where h.brand_id = ?
				order by h.subject_kind, h.subject_id"""));
		// A predecessor of another brand becomes its product's GS1 Digital Link URI,
		// since
		// that brand is not in the archive; one without a GTIN cannot be named and stays
		// out.
		queries.add(new Query(PASSPORT_LINEAGE, """
				select to_jsonb(l) || jsonb_build_object(
					'predecessor_product_id', case when p.brand_id = l.brand_id then l.predecessor_product_id end,
					'predecessor_uri', coalesce(l.predecessor_uri,
						case when p.brand_id <> l.brand_id then pb.resolver_base_url || '/01/' || p.gtin end))
				from passport_lineage l
				left join products p on p.id = l.predecessor_product_id
				left join brands pb on pb.id = p.brand_id
				where l.brand_id = ?
				and (l.predecessor_uri is not null or p.brand_id = l.brand_id
					or (p.gtin is not null and pb.resolver_base_url like 'https://%'))
				order by l.id"""));
		queries.add(new Query(RESOLVER_LINKS,
				"select to_jsonb(l) from resolver_links l where l.brand_id = ? order by l.id"));
		// The EU DPP registry's registration of each batch (docs/registry.md): what the
		// registry knows the brand's products by.
		queries.add(new Query(REGISTRY_REGISTRATIONS,
				"select to_jsonb(r) from registry_registrations r where r.brand_id = ? order by r.batch_id"));
		if (withGrants) {
			queries.add(new Query(ACCESS_GRANTS,
					"select to_jsonb(g) from access_grants g where g.brand_id = ? order by g.id"));
		}
		queries
			.add(new Query(AUDIT_EVENTS, "select to_jsonb(e) from audit_events e where e.brand_id = ? order by e.id"));
		return List.copyOf(queries);
	}

	/**
	 * One entry and the query that writes its lines.
	 *
	 * @param name the entry's name
	 * @param sql a query of one {@code jsonb} column taking the brand's id
	 */
	record Query(String name, String sql) {
	}

}
