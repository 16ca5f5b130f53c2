-- Exports: launching, leases and manifests.

-- The manifest (pack list with checksums) is stored beside the packs once every pack is done.
alter table exports add column manifest_storage_key text;
alter table exports add column manifest_byte_size bigint;
alter table exports add column started_at timestamptz;

-- Launchers sweep for exports to start or take over (pending, or running under a lease that may
-- have expired); there are few of them at any time.
create index exports_unfinished_ix on exports (status, id) where status in ('pending', 'running');

-- export-jobs launchers LISTEN on this channel, so an accepted export request starts within
-- milliseconds of its commit. Requesting a failed or abandoned export again notifies as well.
create function export_requested_notify() returns trigger as
$$
begin
	perform pg_notify('dpp_export_requested', new.id::text);
	return new;
end;
$$ language plpgsql;

create trigger exports_requested_notify_trg
after insert or update of status on exports
for each row when (new.status = 'pending')
execute function export_requested_notify();
