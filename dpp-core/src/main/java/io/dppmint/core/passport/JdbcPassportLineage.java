package io.dppmint.core.passport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Successor passports: a remanufactured or repurposed product's passport names the one it
 * comes from (ESPR Art. 11(d)), and the original's passport names its successors. A
 * predecessor on this platform is shown by its product passport URI (its brand's
 * resolver, {@code /01/<gtin>}), so it needs a GTIN; one elsewhere is named by its https
 * URI.
 */
public class JdbcPassportLineage {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	/** Lineage to read only (a resolver's). */
	public JdbcPassportLineage(JdbcClient jdbc) {
		this(jdbc, null, null);
	}

	public JdbcPassportLineage(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
	}

	/**
	 * Declare where a product comes from.
	 * @param successorProductId the new product (remanufactured, repurposed)
	 * @param relation {@code remanufactured_from} or {@code repurposed_from}
	 * @param predecessorProductId the original on this platform, or {@code null}
	 * @param predecessorUri the original's passport URI elsewhere ({@code https}), or
	 * {@code null}
	 * @param actor who declares it
	 * @throws IllegalArgumentException naming what is wrong; nothing is written
	 */
	public void declare(long successorProductId, String relation, Long predecessorProductId, String predecessorUri,
			String actor) {
		if (!"remanufactured_from".equals(relation) && !"repurposed_from".equals(relation)) {
			throw new IllegalArgumentException(
					"relation is remanufactured_from or repurposed_from, not '" + relation + "'");
		}
		if ((predecessorProductId == null) == (predecessorUri == null || predecessorUri.isBlank())) {
			throw new IllegalArgumentException("Name the predecessor either as a product here or by its passport URI");
		}
		if (predecessorProductId != null && predecessorProductId == successorProductId) {
			throw new IllegalArgumentException("A product cannot succeed itself");
		}
		String uri = (predecessorUri != null) ? httpsUri(predecessorUri.strip()) : null;
		this.transactions.executeWithoutResult((status) -> {
			Long brandId = this.jdbc.sql("select brand_id from products where id = :id")
				.param("id", successorProductId)
				.query(Long.class)
				.optional()
				.orElseThrow(() -> new IllegalArgumentException("There is no product " + successorProductId));
			if (predecessorProductId != null) {
				String gtin = this.jdbc.sql("select coalesce(gtin, '') from products where id = :id")
					.param("id", predecessorProductId)
					.query(String.class)
					.optional()
					.orElseThrow(() -> new IllegalArgumentException("There is no product " + predecessorProductId));
				if (gtin.isEmpty()) {
					throw new IllegalArgumentException("Product " + predecessorProductId
							+ " has no GTIN, so no product passport URI: name its passport by its URI instead");
				}
			}
			try {
				this.jdbc.sql("""
						insert into passport_lineage (brand_id, successor_product_id, relation, predecessor_product_id,
							predecessor_uri, created_by)
						values (:brandId, :successor, :relation, :predecessor, :uri, :actor)""")
					.param("brandId", brandId)
					.param("successor", successorProductId)
					.param("relation", relation)
					.param("predecessor", predecessorProductId)
					.param("uri", uri)
					.param("actor", actor)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new IllegalArgumentException("That predecessor is already declared");
			}
			this.audit.record(new AuditEvent(brandId, "product", Long.toString(successorProductId),
					"predecessor_declared", actor, Map.of("relation", relation, "predecessor",
							(predecessorProductId != null) ? "product " + predecessorProductId : uri)));
		});
	}

	/**
	 * A product's predecessors and successors.
	 * @param productId the product
	 * @return its lineage, predecessors first
	 */
	public List<Link> of(long productId) {
		List<Link> links = new ArrayList<>();
		links.addAll(this.jdbc.sql("""
				select l.relation, l.predecessor_uri, l.predecessor_product_id, p.name, p.gtin, b.resolver_base_url
				from passport_lineage l
				left join products p on p.id = l.predecessor_product_id
				left join brands b on b.id = p.brand_id
				where l.successor_product_id = :id order by l.id""")
			.param("id", productId)
			.query((row, n) -> new Link(Direction.PREDECESSOR, row.getString("relation"),
					(row.getString("predecessor_uri") != null) ? row.getString("predecessor_uri")
							: row.getString("resolver_base_url") + "/01/" + row.getString("gtin"),
					row.getString("name"), row.getObject("predecessor_product_id", Long.class)))
			.list());
		links.addAll(this.jdbc.sql("""
				select l.relation, p.id, p.name, p.gtin, b.resolver_base_url
				from passport_lineage l
				join products p on p.id = l.successor_product_id
				join brands b on b.id = p.brand_id
				where l.predecessor_product_id = :id and p.gtin is not null order by l.id""")
			.param("id", productId)
			.query((row, n) -> new Link(Direction.SUCCESSOR, row.getString("relation"),
					row.getString("resolver_base_url") + "/01/" + row.getString("gtin"), row.getString("name"),
					row.getLong("id")))
			.list());
		return links;
	}

	private static String httpsUri(String text) {
		if (!PassportValidator.isHttpsUrl(text)) {
			throw new IllegalArgumentException("A predecessor's passport URI is an https URI, not '" + text + "'");
		}
		return text;
	}

	/** Which way a link points from the product. */
	public enum Direction {

		/** The product comes from it. */
		PREDECESSOR,

		/** It comes from the product. */
		SUCCESSOR;

	}

	/**
	 * One link of a product's lineage.
	 *
	 * @param direction predecessor or successor
	 * @param relation {@code remanufactured_from} or {@code repurposed_from}, as declared
	 * by the successor
	 * @param uri the other passport's URI
	 * @param name the other product's name, or {@code null} when it is elsewhere
	 * @param productId the other product's id when it is on this platform, or
	 * {@code null}: for the console to link to its page, never in JSON (the other product
	 * may be another brand's)
	 */
	public record Link(Direction direction, String relation, String uri, String name, @JsonIgnore Long productId) {

		/**
		 * The relation from the product's side: {@code remanufacturedFrom},
		 * {@code remanufacturedAs}, {@code repurposedFrom}, {@code repurposedAs}.
		 */
		public String term() {
			String verb = this.relation.substring(0, this.relation.indexOf('_'));
			return verb + ((this.direction == Direction.PREDECESSOR) ? "From" : "As");
		}

		/** How the page says it: "Remanufactured from". */
		public String label() {
			String verb = this.relation.substring(0, this.relation.indexOf('_'));
			return verb.substring(0, 1).toUpperCase(Locale.ROOT) + verb.substring(1)
					+ ((this.direction == Direction.PREDECESSOR) ? " from" : " as");
		}

	}

}
