-- The audit log holds against everyone but its owner, and tells on the owner: chain links are now
-- keyed (HMAC under a key the database never holds, see AuditChainKey) and checkpoints of the chain
-- are kept outside the database. Here, the database's part:
--  * an event arrives unsealed and is timestamped by the database: nobody but the sealer (through the
--    update trigger of V7, on unsealed events only) gives it a chain position, so a planted "sealed"
--    event cannot be inserted, and no writer chooses its own time;
--  * the log cannot be truncated (TRUNCATE bypasses row triggers), nor the chain head deleted.
-- Only the owner can drop or disable these triggers, and no app connects as the owner.

create function audit_events_arrive_unsealed() returns trigger as
$$
begin
	if new.chain_seq is not null or new.previous_hash is not null or new.hash is not null then
		raise exception 'audit events are append-only and sealed by the sealer: event % arrived with a chain position',
			new.id using errcode = 'insufficient_privilege';
	end if;
	new.occurred_at := clock_timestamp();
	return new;
end;
$$ language plpgsql;

create trigger audit_events_arrive_unsealed_trg
before insert on audit_events
for each row execute function audit_events_arrive_unsealed();

create function audit_log_not_truncated() returns trigger as
$$
begin
	raise exception 'the audit log is append-only: % cannot be truncated', tg_table_name
		using errcode = 'insufficient_privilege';
end;
$$ language plpgsql;

create trigger audit_events_not_truncated_trg
before truncate on audit_events
for each statement execute function audit_log_not_truncated();

create trigger audit_chain_head_not_truncated_trg
before truncate on audit_chain_head
for each statement execute function audit_log_not_truncated();

create function audit_chain_head_not_deleted() returns trigger as
$$
begin
	raise exception 'the audit log is append-only: its chain head cannot be deleted'
		using errcode = 'insufficient_privilege';
end;
$$ language plpgsql;

create trigger audit_chain_head_not_deleted_trg
before delete on audit_chain_head
for each row execute function audit_chain_head_not_deleted();
