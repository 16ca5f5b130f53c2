-- Typed passports (docs/passports.md): a brand's passport schema is versioned, every change to a
-- product's passport data is a new immutable version, and brands and products gain the operator and
-- commodity identifiers ESPR Annex III (d), (g) asks for.

-- A brand's schema versions. definition is the JSON that PassportSchema.parse reads; it was validated
-- before it got here. A schema is never changed in place: publishing one inserts the next version.
create table passport_schemas (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	version integer not null,
	definition jsonb not null,
	created_by text not null,
	created_at timestamptz not null default now(),
	constraint passport_schemas_brand_version_uk unique (brand_id, version),
	constraint passport_schemas_version_ck check (version >= 1),
	constraint passport_schemas_definition_ck check (jsonb_typeof(definition -> 'fields') = 'array')
);

-- The brand's current schema version, its operator identifier (GS1 GLN, AI 417: check digit verified
-- before it gets here) and its EORI number (importers, ESPR Annex III (j)).
alter table brands add column passport_schema_version integer;
alter table brands add column operator_gln char(13);
alter table brands add column eori text;
alter table brands add constraint brands_operator_gln_ck check (operator_gln ~ '^[0-9]{13}$');
alter table brands add constraint brands_eori_ck check (eori ~ '^[A-Z]{2}[0-9A-Z]{1,15}$');

-- The product's commodity code: CN (8 digits) or TARIC (10 digits), ESPR Art. 13(1), Annex III (d);
-- and the version its passport column holds (products.passport is the current version's data).
alter table products add column commodity_code text;
alter table products add column passport_version integer not null default 0;
alter table products add constraint products_commodity_code_ck check (commodity_code ~ '^[0-9]{8}([0-9]{2})?$');

-- Every version of every passport's data, immutable. subject_kind is 'product' (model-level data);
-- batch- and item-level subjects come with their own kinds. sha256 is that of the canonical JSON
-- (PassportValues), chained to the previous version's so that a history cannot be rewritten unseen.
create table passport_versions (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	subject_kind text not null,
	subject_id bigint not null,
	version integer not null,
	schema_version integer not null,
	data jsonb not null,
	-- [{"field": key, "op": "added"|"changed"|"removed"}]
	changes jsonb not null,
	sha256 bytea not null,
	previous_sha256 bytea,
	actor text not null,
	created_at timestamptz not null default now(),
	constraint passport_versions_subject_version_uk unique (subject_kind, subject_id, version),
	constraint passport_versions_subject_kind_ck check (subject_kind in ('product')),
	constraint passport_versions_version_ck check (version >= 1),
	constraint passport_versions_data_ck check (jsonb_typeof(data) = 'object'),
	constraint passport_versions_sha256_ck check (length(sha256) = 32 and length(previous_sha256) = 32),
	constraint passport_versions_chain_ck check ((version = 1) = (previous_sha256 is null))
);

create index passport_versions_brand_ix on passport_versions (brand_id, created_at);

-- Versions and schemas are history: no role updates or deletes them, not even by mistake.
create function passport_history_immutable() returns trigger as
$$
begin
	raise exception '% is append-only: its rows are never changed or deleted', tg_table_name
		using errcode = 'insufficient_privilege';
end;
$$ language plpgsql;

create trigger passport_versions_immutable_trg
before update or delete on passport_versions
for each row execute function passport_history_immutable();

create trigger passport_versions_not_truncated_trg
before truncate on passport_versions
for each statement execute function passport_history_immutable();

create trigger passport_schemas_immutable_trg
before update or delete on passport_schemas
for each row execute function passport_history_immutable();

-- Existing brands: their list of required names becomes schema version 1, an "open" schema (fields it
-- does not define are public text, as every field was before), listing the required names and every
-- other key their products use, as public model-level text fields.
insert into passport_schemas (brand_id, version, definition, created_by)
select b.id, 1, jsonb_build_object('additionalText', true, 'fields', coalesce((
		select jsonb_agg(jsonb_build_object('key', f.key, 'label', f.key, 'type', 'text', 'required', f.required,
			'level', 'model', 'access', 'public', 'maxLength', 10000) order by f.ord, f.key)
		from (
			select r.key, true as required, r.ord
			from unnest(b.required_fields) with ordinality as r(key, ord)
			union all
			select k.key, false, null
			from (select distinct jsonb_object_keys(p.passport) as key from products p where p.brand_id = b.id) k
			where k.key <> all (b.required_fields)
		) f
		where f.key ~ '^[a-z][a-z0-9_]{0,63}$'
	), '[]'::jsonb)), 'migration'
from brands b;
update brands set passport_schema_version = 1;
-- brands.required_fields is no longer read (the schema says what is required); it is dropped a
-- release later, so that apps of the previous release keep working during a rolling deploy.

-- Existing products keep their data at passport_version 0: it was never versioned, and its canonical
-- hash is the application's to compute. Their first change writes version 1 (with the whole data).
alter table brands alter column passport_schema_version set not null;
alter table brands alter column passport_schema_version set default 1;

grant select on passport_schemas, passport_versions to dpp_resolver, dpp_export, dpp_mint, dpp_console;
grant insert on passport_schemas, passport_versions to dpp_console;
grant update (passport_schema_version, operator_gln, eori) on brands to dpp_console;
grant update (passport, passport_version, commodity_code, updated_at) on products to dpp_console;
