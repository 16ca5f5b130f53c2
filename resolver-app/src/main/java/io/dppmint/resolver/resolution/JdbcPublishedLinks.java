package io.dppmint.resolver.resolution;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the further links brands publish ({@code resolver_links}). */
class JdbcPublishedLinks {

	private final JdbcClient jdbc;

	JdbcPublishedLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The links of a product: its own and its brand's, in the order they were added. */
	List<PublishedLink> ofProduct(long brandId, long productId) {
		return this.jdbc.sql("""
				select link_type, href, title, hreflang, media_type, context, product_id is not null
				from resolver_links
				where brand_id = :brandId and (product_id is null or product_id = :productId)
				order by id""")
			.param("brandId", brandId)
			.param("productId", productId)
			.query((rs, row) -> new PublishedLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7)))
			.list();
	}

}
