-- Successor passports (ESPR Art. 11(d): a new passport for a product that has one, such as a
-- remanufactured product, is linked to the original; Regulation (EU) 2023/1542: a repurposed or
-- remanufactured battery gets a new passport linked to the original). The successor's brand declares
-- the link; the predecessor is a product on this platform (any brand: remanufacturers are often other
-- operators) or a passport elsewhere, named by its https URI.

create table passport_lineage (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	successor_product_id bigint not null references products (id),
	relation text not null,
	predecessor_product_id bigint references products (id),
	predecessor_uri text,
	created_by text not null,
	created_at timestamptz not null default now(),
	constraint passport_lineage_relation_ck check (relation in ('remanufactured_from', 'repurposed_from')),
	constraint passport_lineage_one_predecessor_ck check ((predecessor_product_id is null) <> (predecessor_uri is null)),
	constraint passport_lineage_uri_ck check (predecessor_uri ~ '^https://[^[:space:]]+$' and length(predecessor_uri) <= 2000),
	constraint passport_lineage_not_itself_ck check (predecessor_product_id <> successor_product_id),
	constraint passport_lineage_product_uk unique (successor_product_id, predecessor_product_id),
	constraint passport_lineage_uri_uk unique (successor_product_id, predecessor_uri)
);

create index passport_lineage_predecessor_ix on passport_lineage (predecessor_product_id)
	where predecessor_product_id is not null;

grant select, insert on passport_lineage to dpp_console;
grant select on passport_lineage to dpp_resolver, dpp_export;

-- Print packs carry the facility GLN of the batch's production run (docs/exports.md): export-jobs reads
-- the run.
grant select on production_runs to dpp_export;
