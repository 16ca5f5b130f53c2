-- Catalogue: brands with their DPP schema configuration, products (SKUs) and ERP production runs.

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
	constraint brands_gs1_company_prefix_ck check (gs1_company_prefix ~ '^[0-9]{4,12}$'),
	constraint brands_resolver_base_url_ck check (resolver_base_url ~ '^https?://[^/?#]+(/[^?#]*[^/?#])?$')
);

create table products (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	sku text not null,
	name text not null,
	-- Normalised to 14 digits (GTIN-8/12/13 are zero-padded), check digit verified on the way in.
	gtin char(14),
	passport jsonb not null default '{}',
	commercial_status text not null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint products_brand_sku_uk unique (brand_id, sku),
	constraint products_gtin_ck check (gtin ~ '^[0-9]{14}$'),
	constraint products_commercial_status_ck check (commercial_status in ('draft', 'active', 'discontinued'))
);

-- A GTIN identifies one trade item worldwide; the resolver looks products up by it.
create unique index products_gtin_uk on products (gtin) where gtin is not null;
create index products_brand_name_ix on products (brand_id, lower(name));

create table production_runs (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	product_id bigint not null references products (id),
	erp_reference text not null,
	planned_quantity bigint not null,
	-- Units of accepted mint requests linked to this run; raised atomically at intake.
	reserved_quantity bigint not null default 0,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint production_runs_brand_erp_reference_uk unique (brand_id, erp_reference),
	constraint production_runs_planned_quantity_ck check (planned_quantity > 0),
	constraint production_runs_capacity_ck check (reserved_quantity between 0 and planned_quantity)
);

create index production_runs_product_ix on production_runs (product_id);
