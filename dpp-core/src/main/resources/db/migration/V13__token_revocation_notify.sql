-- Resolvers answer tokens of minted active-at-mint batches from memory (their batch, lot and
-- status follow from the batch's token range), except revoked ones: they keep the set of revoked
-- token numbers, loaded once and then kept current by this notification, sent when a revocation
-- commits whatever made it (console, API, SQL by hand). Revocation is final, so no other change
-- of status needs to reach them.
create function tokens_notify_revoked() returns trigger
language plpgsql as $$
begin
	perform pg_notify('dpp_token_revoked', new.id::text);
	return null;
end
$$;

create trigger tokens_revoked_notify
	after update of status on tokens
	for each row
	when (new.status = 2 and old.status is distinct from 2)
	execute function tokens_notify_revoked();
