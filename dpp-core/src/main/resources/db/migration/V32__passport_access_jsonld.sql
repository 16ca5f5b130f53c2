-- Restricted passport views are also served as JSON-LD (Accept: application/ld+json), and recorded as such.
-- V30 and V31 belong to the registry and the backup work that lands beside this.
alter table passport_access_events drop constraint passport_access_events_format_ck;
alter table passport_access_events
	add constraint passport_access_events_format_ck check (format in ('html', 'json', 'jsonld'));
