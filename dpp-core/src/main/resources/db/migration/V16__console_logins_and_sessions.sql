-- Login throttling: failed console logins counted per user and per client address, across console
-- replicas. A subject is an HMAC of the user name or the address under a key the console holds and
-- the database never does, so the table holds neither names nor addresses.
create table login_throttle (
	subject text primary key,
	failures integer not null,
	window_started_at timestamptz not null,
	blocked_until timestamptz,
	constraint login_throttle_subject_ck check (subject ~ '^(user|address):[0-9a-f]{64}$'),
	constraint login_throttle_failures_ck check (failures > 0)
);

-- A user who is disabled, deleted, renamed, given another role or brand, or a new password, keeps no
-- live session: the session (and the role and brand it carries) ends when the row changes, whoever
-- changes it (the console, an operator with SQL).
create function console_users_end_sessions() returns trigger as
$$
begin
	delete from spring_session where principal_name = old.username;
	return null;
end;
$$ language plpgsql;

create trigger console_users_end_sessions_trg
after update on console_users
for each row
when (old.enabled is distinct from new.enabled or old.role is distinct from new.role
	or old.brand_id is distinct from new.brand_id or old.password_hash is distinct from new.password_hash
	or old.username is distinct from new.username)
execute function console_users_end_sessions();

create trigger console_users_deleted_end_sessions_trg
after delete on console_users
for each row
execute function console_users_end_sessions();
