-- Exports: one export per minted batch, written as CSV packs of at most 10,000 units.

create table exports (
	id bigint generated always as identity primary key,
	batch_id bigint not null references mint_batches (id),
	brand_id bigint not null references brands (id),
	status text not null default 'pending',
	pack_size integer not null default 10000,
	pack_count integer not null,
	-- Soft lock: a running export holds a lease that a dead process's successor may take over.
	lease_owner text,
	lease_expires_at timestamptz,
	manifest_sha256 text,
	error text,
	requested_by text not null,
	created_at timestamptz not null default now(),
	completed_at timestamptz,
	updated_at timestamptz not null default now(),
	constraint exports_batch_uk unique (batch_id),
	constraint exports_status_ck check (status in ('pending', 'running', 'completed', 'failed')),
	constraint exports_pack_size_ck check (pack_size between 1 and 10000),
	constraint exports_pack_count_ck check (pack_count >= 1)
);

create table export_packs (
	export_id bigint not null references exports (id),
	pack_number integer not null,
	first_token_id bigint not null,
	row_count integer not null,
	byte_size bigint not null,
	sha256 text not null,
	storage_key text not null,
	created_at timestamptz not null default now(),
	constraint export_packs_pk primary key (export_id, pack_number),
	constraint export_packs_row_count_ck check (row_count between 1 and 10000),
	constraint export_packs_sha256_ck check (sha256 ~ '^[0-9a-f]{64}$')
);
