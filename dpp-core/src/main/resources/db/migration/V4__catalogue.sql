-- Catalogue: brands with their DPP schema configuration, products (SKUs) and ERP production runs.
-- JdbcBrandRepository, JdbcProductRepository and JdbcProductionRunRepository validate every value
-- before it gets here; the checks below are the last line of defence for writers that bypass them.

create table brands (
	id bigint generated always as identity primary key,
	code text not null,
	name text not null,
	-- Passport fields every product of this brand must populate before it is ready to mint.
	required_fields text[] not null default '{}',
	-- GS1-ready brands carry GTINs and are resolved through GS1 Digital Link URIs.
	gtin_required boolean not null,
	gs1_company_prefix text,
	resolver_base_url text not null,
	created_at timestamptz not null default now(),
	constraint brands_code_uk unique (code),
	constraint brands_code_ck check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	constraint brands_name_ck check (length(btrim(name)) between 1 and 200),
	constraint brands_required_fields_ck check (array_position(required_fields, null) is null),
	constraint brands_gs1_company_prefix_ck check (gs1_company_prefix ~ '^[0-9]{4,12}$'),
	-- A GS1-ready brand's GTINs are issued under its company prefix; eligibility checks them against it.
	constraint brands_gtin_required_prefix_ck check (not gtin_required or gs1_company_prefix is not null),
	constraint brands_resolver_base_url_ck check (resolver_base_url ~ '^https?://[^/?#]+(/[^?#]*[^/?#])?$')
);

create table products (
	id bigint generated always as identity primary key,
	brand_id bigint not null,
	sku text not null,
	name text not null,
	-- Normalised to 14 digits (GTIN-8/12/13 are zero-padded), check digit verified on the way in.
	gtin char(14),
	-- Passport field name -> value, strings only.
	passport jsonb not null default '{}',
	commercial_status text not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint products_brand_fk foreign key (brand_id) references brands (id),
	constraint products_brand_sku_uk unique (brand_id, sku),
	-- Target of the composite foreign keys that keep a product's dependants inside its brand.
	constraint products_id_brand_uk unique (id, brand_id),
	constraint products_sku_ck check (length(btrim(sku)) between 1 and 64),
	constraint products_name_ck check (length(btrim(name)) between 1 and 200),
	constraint products_gtin_ck check (gtin ~ '^[0-9]{14}$'),
	constraint products_passport_ck check (jsonb_typeof(passport) = 'object'),
	constraint products_commercial_status_ck check (commercial_status in ('draft', 'active', 'discontinued'))
);

-- A GTIN identifies one trade item worldwide; the resolver looks products up by it.
create unique index products_gtin_uk on products (gtin) where gtin is not null;
-- Product search within a brand pages by (lower(name), id).
create index products_brand_name_ix on products (brand_id, lower(name), id);

create table production_runs (
	id bigint generated always as identity primary key,
	brand_id bigint not null,
	product_id bigint not null,
	erp_reference text not null,
	planned_quantity bigint not null,
	-- Units of accepted mint requests linked to this run; raised atomically at intake.
	reserved_quantity bigint not null default 0,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint production_runs_brand_fk foreign key (brand_id) references brands (id),
	-- A run produces one product of its own brand, never another brand's.
	constraint production_runs_product_fk foreign key (product_id, brand_id) references products (id, brand_id),
	constraint production_runs_brand_erp_reference_uk unique (brand_id, erp_reference),
	constraint production_runs_erp_reference_ck check (length(btrim(erp_reference)) between 1 and 100),
	constraint production_runs_planned_quantity_ck check (planned_quantity > 0),
	constraint production_runs_capacity_ck check (reserved_quantity between 0 and planned_quantity)
);

create index production_runs_product_ix on production_runs (product_id);
