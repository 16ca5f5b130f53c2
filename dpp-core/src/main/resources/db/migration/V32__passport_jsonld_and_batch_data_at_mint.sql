-- V30 and V31 belong to the registry and the backup work that lands beside this.

-- Restricted passport views are also served as JSON-LD (Accept: application/ld+json), and recorded as such.
alter table passport_access_events drop constraint passport_access_events_format_ck;
alter table passport_access_events
	add constraint passport_access_events_format_ck check (format in ('html', 'json', 'jsonld'));

-- A mint request may carry its batch's passport data (./dpp mint --passport FILE runs the intake as dpp_mint):
-- the intake writes it as the batch's first version, in the batch's own transaction.
grant insert on passport_versions to dpp_mint;
grant insert, update on passport_heads to dpp_mint;
