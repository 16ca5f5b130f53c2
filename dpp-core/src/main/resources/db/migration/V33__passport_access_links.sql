-- An access link is a grant for one product's passport, handed over as a URL (?dpp-access=...) rather than as
-- a bearer header: same token form, hash-only storage, revocation and access log as a grant, but scoped to its
-- product and short-lived, since URLs get copied, bookmarked and forwarded.
alter table access_grants add column product_id bigint references products (id);
alter table access_grants add constraint access_grants_link_validity_ck
	check (product_id is null or expires_at <= created_at + interval '7 days 1 minute');

create index access_grants_product_ix on access_grants (product_id) where product_id is not null;

grant select (product_id) on access_grants to dpp_resolver;
