-- Batch- and item-level passport data (docs/passports.md, "Batch and item data"): a mint batch's data
-- (production date, ...) and a unit's (a battery's state of health, ...) are versioned like a
-- product's, in passport_versions with their own subject kinds; their current data is kept here (a
-- product's stays in products.passport).
create table passport_heads (
	subject_kind text not null,
	subject_id bigint not null,
	brand_id bigint not null references brands (id),
	data jsonb not null,
	version integer not null,
	updated_at timestamptz not null default now(),
	constraint passport_heads_pk primary key (subject_kind, subject_id),
	constraint passport_heads_subject_kind_ck check (subject_kind in ('batch', 'token')),
	constraint passport_heads_data_ck check (jsonb_typeof(data) = 'object'),
	constraint passport_heads_version_ck check (version >= 1)
);

alter table passport_versions drop constraint passport_versions_subject_kind_ck;
alter table passport_versions add constraint passport_versions_subject_kind_ck
	check (subject_kind in ('product', 'batch', 'token'));

grant select, insert, update on passport_heads to dpp_console;
grant select on passport_heads to dpp_resolver, dpp_export, dpp_mint;
