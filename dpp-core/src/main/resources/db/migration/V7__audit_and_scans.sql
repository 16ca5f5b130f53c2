-- Audit log: append-only and hash-chained. Writers only insert (chain_seq, previous_hash and hash
-- stay null); one sealer at a time (advisory lock) gives committed events the next chain position
-- and hash = SHA-256(previous_hash || canonical event). Sealed events can be neither changed nor
-- deleted through SQL short of disabling the trigger, and the chain head kept in audit_chain_head
-- makes a removed tail detectable as well.
create table audit_events (
	id bigint generated always as identity primary key,
	occurred_at timestamptz not null default clock_timestamp(),
	brand_id bigint,
	entity_type text not null,
	entity_id text not null,
	action text not null,
	actor text not null,
	details jsonb not null default '{}',
	chain_seq bigint,
	previous_hash text,
	hash text,
	constraint audit_events_chain_seq_uk unique (chain_seq),
	constraint audit_events_entity_type_ck check (entity_type ~ '^[a-z_]{1,40}$'),
	constraint audit_events_sealed_ck check ((chain_seq is null) = (hash is null))
);

create index audit_events_unsealed_ix on audit_events (id) where chain_seq is null;
create index audit_events_brand_ix on audit_events (brand_id, id desc);
create index audit_events_entity_ix on audit_events (entity_type, id desc);

create table audit_chain_head (
	singleton boolean primary key default true,
	chain_seq bigint not null,
	hash text not null,
	constraint audit_chain_head_singleton_ck check (singleton)
);

create function audit_events_append_only() returns trigger as
$$
begin
	if tg_op = 'DELETE' then
		raise exception 'audit events are append-only: event % cannot be deleted', old.id;
	end if;
	if old.chain_seq is not null
			or new.id <> old.id or new.occurred_at <> old.occurred_at
			or new.brand_id is distinct from old.brand_id or new.entity_type <> old.entity_type
			or new.entity_id <> old.entity_id or new.action <> old.action or new.actor <> old.actor
			or new.details <> old.details then
		raise exception 'audit events are append-only: event % cannot be changed', old.id;
	end if;
	return new;
end;
$$ language plpgsql;

create trigger audit_events_append_only_trg
before update or delete on audit_events
for each row execute function audit_events_append_only();

-- Scan telemetry. Only GDPR-safe data: the client address truncated to /24 (IPv4) or /48 (IPv6)
-- before it leaves the resolver's memory, a coarse location from a trusted edge header, the user agent.
create table scan_events (
	id bigint generated always as identity primary key,
	scanned_at timestamptz not null,
	token_id bigint,
	batch_id bigint,
	brand_id bigint,
	identifier text not null,
	network_prefix cidr,
	country text,
	region text,
	user_agent text,
	first_scan boolean not null default false,
	constraint scan_events_network_prefix_ck check (
		network_prefix is null
		or (family(network_prefix) = 4 and masklen(network_prefix) <= 24)
		or (family(network_prefix) = 6 and masklen(network_prefix) <= 48))
);

create index scan_events_scanned_at_ix on scan_events using brin (scanned_at);
