-- Further links a brand publishes in the resolver's GS1 linksets (product information page, instructions,
-- sustainability report, ...), besides the passport the resolver serves itself (gs1:defaultLink and
-- gs1:dpp). A link with a product applies to that product only, one without to all the brand's products.
create table resolver_links (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	product_id bigint,
	-- A term of the GS1 Web Vocabulary's link types, without prefix: pip, instructions, sustainabilityInfo, ...
	link_type text not null,
	href text not null,
	title text not null,
	-- ISO 639-1 language of the target, optionally with an ISO 3166-1 region (en, en-GB); null when not stated.
	hreflang text,
	-- Media type of the target (text/html, application/pdf); null when not stated.
	media_type text,
	created_at timestamptz not null default now(),
	constraint resolver_links_product_fk foreign key (product_id, brand_id) references products (id, brand_id),
	constraint resolver_links_link_type_ck check (link_type ~ '^[a-zA-Z][a-zA-Z0-9]{0,63}$'),
	-- The resolver itself serves the passport: brands cannot take over the default or the DPP link.
	constraint resolver_links_reserved_ck check (link_type not in ('defaultLink', 'defaultLinkMulti', 'dpp')),
	constraint resolver_links_href_ck check (href ~ '^https?://[^\s]+$' and length(href) <= 2000),
	constraint resolver_links_title_ck check (length(btrim(title)) between 1 and 200),
	constraint resolver_links_hreflang_ck check (hreflang ~ '^[a-z]{2}(-[A-Z]{2})?$'),
	constraint resolver_links_media_type_ck check (media_type ~ '^[a-z]+/[-+.a-z0-9]+$')
);

create index resolver_links_brand_product_ix on resolver_links (brand_id, product_id);
