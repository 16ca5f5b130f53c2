-- Registration of minted batches in the EU DPP registry (ESPR Art. 13; docs/registry.md): the operator
-- uploads the registry file of a batch, marks it submitted (with the SHA-256 of the submission.json it
-- uploaded) and records the registration identifier the registry returns, or its rejection. One row per
-- batch that got that far; a batch without a row is not submitted. Every change is also an audit event.
create table registry_registrations (
	batch_id bigint primary key references mint_batches (id),
	brand_id bigint not null references brands (id),
	state text not null,
	registration_identifier text,
	rejection_reason text,
	submission_sha256 bytea,
	recorded_by text not null,
	updated_at timestamptz not null default now(),
	created_at timestamptz not null default now(),
	constraint registry_registrations_state_ck check (state in ('submitted', 'registered', 'rejected')),
	constraint registry_registrations_identifier_ck check (length(btrim(registration_identifier)) between 1 and 200
		and registration_identifier !~ '[[:cntrl:]]'),
	constraint registry_registrations_registered_ck check ((state = 'registered') = (registration_identifier is not null)),
	constraint registry_registrations_rejected_ck check ((state = 'rejected') = (rejection_reason is not null)),
	constraint registry_registrations_reason_ck check (length(btrim(rejection_reason)) between 1 and 1000),
	constraint registry_registrations_sha256_ck check (length(submission_sha256) = 32)
);

-- A registration identifier names one registration: one batch per brand.
create unique index registry_registrations_identifier_ux on registry_registrations (brand_id, registration_identifier)
	where registration_identifier is not null;

create index registry_registrations_brand_ix on registry_registrations (brand_id, batch_id);

-- The console records the states; no app deletes one (the audit trail keeps how it got there).
grant select, insert, update (state, registration_identifier, rejection_reason, submission_sha256, recorded_by, updated_at)
	on registry_registrations to dpp_console;
