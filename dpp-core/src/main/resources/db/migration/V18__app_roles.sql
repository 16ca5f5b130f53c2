-- A database role per app, and every grant, in one place (docs/security.md explains each). The
-- owner of the schema (the role that runs these migrations) is used by the migrating app's Flyway
-- only; each app connects as its own role, which owns nothing, so it can neither alter the schema
-- nor drop or disable a trigger, and may touch only the tables and columns listed here:
--
--   dpp_resolver  the internet-facing resolver: reads the catalogue, batches, lots, tokens and links;
--                 changes a token only by activating it (status, activated_at); writes scan events
--                 and audit events, and the active-token counter that moves with an activation
--   dpp_console   the console and brand-portal API: intake (batches, lots, production runs,
--                 exports), revocation (never any other token change), its users, API keys,
--                 sessions and login throttle, job operations on the job repository
--   dpp_mint      mint-jobs: intake from the command line, minting (tokens are inserted, never
--                 changed), its job repository, task and channel tables, and the audit chain's seal
--   dpp_export    export-jobs: exports and their packs, reading tokens, its job repository and tasks
--
-- The roles are created without a password: nobody logs in as one until an operator (or, on the
-- embedded development server, mint-jobs) gives it one. Roles belong to the PostgreSQL cluster,
-- not the database: one DPP Mint database per cluster (or per set of these roles).
do $$
declare
	app text;
begin
	foreach app in array array['dpp_resolver', 'dpp_console', 'dpp_mint', 'dpp_export'] loop
		if not exists (select from pg_roles where rolname = app) then
			execute format('create role %I login', app);
		end if;
	end loop;
end
$$;

grant usage on schema ${flyway:defaultSchema} to dpp_resolver, dpp_console, dpp_mint, dpp_export;

-- Every app but the migrating one checks that the schema is current.
grant select on flyway_schema_history to dpp_resolver, dpp_console, dpp_mint, dpp_export;

-- The resolver.
grant select on brands, products, lots, mint_batches, tokens, token_revocations, resolver_links to dpp_resolver;
grant update (status, activated_at) on tokens to dpp_resolver;
grant select (brand_id, active_tokens), update (active_tokens) on brand_counters to dpp_resolver;
grant insert on scan_events to dpp_resolver;
grant insert (brand_id, entity_type, entity_id, action, actor, details) on audit_events to dpp_resolver;

-- The console and the brand-portal API.
grant select on brands, products, production_runs, mint_batches, lots, tokens, token_revocations, brand_counters,
	exports, export_packs, audit_events, audit_chain_head, console_users, api_keys to dpp_console;
grant insert, update (planned_quantity, reserved_quantity, updated_at) on production_runs to dpp_console;
grant insert, update (status, error, finished_at, updated_at) on mint_batches to dpp_console;
grant insert on lots to dpp_console;
grant usage on sequence token_block_seq to dpp_console;
grant update (status) on tokens to dpp_console;
grant insert on token_revocations to dpp_console;
grant update (active_tokens, batches_created) on brand_counters to dpp_console;
grant insert, update (status, error, lease_owner, lease_expires_at, updated_at) on exports to dpp_console;
grant insert (brand_id, entity_type, entity_id, action, actor, details) on audit_events to dpp_console;
grant insert on console_users to dpp_console;
grant insert, update (revoked_at, last_used_at) on api_keys to dpp_console;
grant select, insert, update, delete on spring_session, spring_session_attributes, login_throttle to dpp_console;
grant select on batch_job_instance, batch_job_execution, batch_job_execution_params, batch_step_execution,
	batch_job_execution_context, batch_step_execution_context to dpp_console;
grant update on batch_job_execution, batch_step_execution, batch_job_execution_context,
	batch_step_execution_context to dpp_console;

-- mint-jobs.
grant select on brands, products, production_runs, mint_batches, lots, brand_counters, audit_events,
	audit_chain_head to dpp_mint;
grant update (reserved_quantity, updated_at) on production_runs to dpp_mint;
grant insert, update (status, started_at, finished_at, error, updated_at, minted_count, lease_fence)
	on mint_batches to dpp_mint;
grant insert on lots to dpp_mint;
grant usage on sequence token_block_seq to dpp_mint;
grant insert on tokens to dpp_mint;
grant update (tokens_minted, active_tokens, batches_created) on brand_counters to dpp_mint;
grant insert (brand_id, entity_type, entity_id, action, actor, details),
	update (chain_seq, previous_hash, hash) on audit_events to dpp_mint;
grant insert, update on audit_chain_head to dpp_mint;
grant select, insert, update, delete on int_channel_message to dpp_mint;
grant usage on sequence int_message_seq to dpp_mint;

-- export-jobs.
grant select on brands, products, mint_batches, lots, tokens, exports, export_packs to dpp_export;
grant insert, update (status, lease_owner, lease_expires_at, started_at, completed_at, error, updated_at,
	manifest_storage_key, manifest_byte_size, manifest_sha256) on exports to dpp_export;
grant insert on export_packs to dpp_export;
grant select (brand_id, exports_completed), update (exports_completed) on brand_counters to dpp_export;
grant insert (brand_id, entity_type, entity_id, action, actor, details) on audit_events to dpp_export;

-- The job apps' Spring Batch job repositories and Spring Cloud Task records (commands).
grant select, insert, update on batch_job_instance, batch_job_execution, batch_job_execution_params,
	batch_step_execution, batch_job_execution_context, batch_step_execution_context, task_execution,
	task_execution_params, task_task_batch to dpp_mint, dpp_export;
grant usage on sequence batch_job_instance_seq, batch_job_execution_seq, batch_step_execution_seq, task_seq
	to dpp_mint, dpp_export;

-- A token's status only moves forward (minted -> active -> revoked, or minted -> revoked), and each
-- move belongs to one app: the resolver activates, the console revokes; neither can do the other's.
-- Column grants cannot say which values a column may take; this trigger can.
create function tokens_status_moves_forward() returns trigger as
$$
declare
	superuser boolean := (select rolsuper from pg_roles where rolname = current_user);
begin
	if old.status = 2 then
		raise exception 'token %: revocation is final', old.id using errcode = 'check_violation';
	elsif new.status = 1 and old.status = 0 then
		if not superuser and pg_has_role(current_user, 'dpp_console', 'usage') then
			raise exception 'token %: the console revokes tokens and never activates them', old.id
				using errcode = 'insufficient_privilege';
		end if;
	elsif new.status = 2 then
		if not superuser and pg_has_role(current_user, 'dpp_resolver', 'usage') then
			raise exception 'token %: the resolver activates tokens and never revokes them', old.id
				using errcode = 'insufficient_privilege';
		end if;
	else
		raise exception 'token %: status % cannot become %', old.id, old.status, new.status
			using errcode = 'check_violation';
	end if;
	return new;
end;
$$ language plpgsql;

create trigger tokens_status_moves_forward_trg
before update of status on tokens
for each row when (old.status is distinct from new.status)
execute function tokens_status_moves_forward();
