-- Backup and restore (docs/backup.md): every installation has an id of its own, which a backup names
-- as its source, and a restored brand records where it came from.

-- One row: this installation's id, made when the schema is created (or upgraded to this version).
create table installation (
	singleton boolean primary key default true,
	id uuid not null default gen_random_uuid(),
	created_at timestamptz not null default now(),
	constraint installation_singleton_ck check (singleton)
);

insert into installation default values;

-- Set by `./dpp restore` only: {"installation": source id, "archive_sha256": ..., "created_at": the
-- backup's time, "restored_at": ...}; null for a brand created here.
alter table brands add column restored_from jsonb;
alter table brands add constraint brands_restored_from_ck
	check (restored_from is null or jsonb_typeof(restored_from) = 'object');

grant select on installation to dpp_resolver, dpp_console, dpp_mint, dpp_export;
