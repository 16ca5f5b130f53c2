-- EPCIS 2.0 events (docs/epcis.md): what a supply-chain system learns from DPP Mint. A GS1 batch
-- records its commissioning events when it becomes minted, a revocation records a decommissioning
-- event, both in the transaction of the change itself. Events store token ranges, never EPC lists:
-- a unit's serial is its token number under the identifier scheme, so the EPCs are derived when an
-- event is served or pushed, the way exports derive serials.

-- The facility (GS1 GLN, AI 414) a production run takes place at: the read point and business
-- location of its batches' commissioning events. The check digit is verified before it gets here.
alter table production_runs add column facility_gln char(13);
alter table production_runs add constraint production_runs_facility_gln_ck check (facility_gln ~ '^[0-9]{13}$');

create table epcis_events (
	id bigint generated always as identity primary key,
	event_id uuid not null,
	brand_id bigint not null references brands (id),
	batch_id bigint not null references mint_batches (id),
	-- Set for a lot's commissioning event, whose units are a quantity of an LGTIN (quantityList);
	-- otherwise the event lists its units (epcList).
	lot_id bigint references lots (id),
	action text not null,
	biz_step text not null,
	disposition text not null,
	event_time timestamptz not null,
	record_time timestamptz not null default now(),
	-- As they were when the event happened: the product's GTIN, and the length of the brand's GS1
	-- company prefix when the GTIN is under it (null: EPCs are written as GS1 Digital Link URIs).
	gtin char(14) not null,
	company_prefix_length smallint,
	facility_gln char(13),
	-- The units: token numbers first_token_id .. first_token_id + token_count - 1.
	first_token_id bigint not null,
	token_count integer not null,
	constraint epcis_events_event_id_uk unique (event_id),
	constraint epcis_events_kind_ck check ((action, biz_step, disposition) in (('ADD', 'commissioning', 'active'),
		('DELETE', 'decommissioning', 'inactive'))),
	constraint epcis_events_token_count_ck check (token_count between 1 and 1000000),
	constraint epcis_events_company_prefix_length_ck check (company_prefix_length between 6 and 12)
);

-- Query pages walk a brand's events by id (keyset); MATCH_epc looks a unit up by GTIN and number.
create index epcis_events_brand_ix on epcis_events (brand_id, id);
create index epcis_events_units_ix on epcis_events (gtin, first_token_id);
create index epcis_events_batch_ix on epcis_events (batch_id, id);

-- Pushes to a brand's own EPCIS repository (its capture interface): every event of the brand up to
-- pushed_through was captured there, in id order, so a batch's push state is derived from it.
create table epcis_capture_targets (
	brand_id bigint primary key references brands (id),
	capture_url text not null,
	enabled boolean not null default true,
	pushed_through bigint not null default 0,
	status text not null default 'idle',
	attempts integer not null default 0,
	next_attempt_at timestamptz,
	last_error text,
	last_capture_id text,
	lease_owner text,
	lease_expires_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint epcis_capture_targets_url_ck check (capture_url ~ '^https?://[^/?#]+(/[^?#]*)?$'),
	constraint epcis_capture_targets_status_ck check (status in ('idle', 'sending', 'retrying', 'failed'))
);

grant select, insert on epcis_events to dpp_mint, dpp_console;
grant select on epcis_events to dpp_export;
grant update (facility_gln) on production_runs to dpp_console;
grant select, insert, update, delete on epcis_capture_targets to dpp_console;
grant select, update (pushed_through, status, attempts, next_attempt_at, last_error, last_capture_id, lease_owner,
	lease_expires_at, updated_at) on epcis_capture_targets to dpp_export;
