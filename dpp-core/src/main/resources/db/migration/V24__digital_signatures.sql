-- Signed codes (GS1 AI 8030, profile DPP-ES256-v1; docs/signatures.md): brands' signing keys, the key
-- a batch is signed with, and one signature per signed token.

-- A brand's keys, numbered 1..255 per purpose (the number is the first byte of the AI 8030 value).
-- The private key is stored only wrapped (AES-256-GCM under a platform key-encryption key that the
-- database never holds; the AAD binds it to brand_id, purpose and key_number). A rotation inserts a
-- 'pending' key that is published at once and signs from activates_at on; the key it replaces becomes
-- 'retired' and stays published, because printed codes outlive rotations. 'revoked' keys are withdrawn.
create table brand_keys (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	purpose text not null,
	key_number smallint not null,
	algorithm text not null,
	-- SubjectPublicKeyInfo DER of an asymmetric key.
	public_key bytea,
	wrapped_key bytea not null,
	kek_version smallint not null default 1,
	state text not null,
	created_at timestamptz not null default now(),
	activates_at timestamptz not null default now(),
	activated_at timestamptz,
	retired_at timestamptz,
	revoked_at timestamptz,
	constraint brand_keys_brand_purpose_number_uk unique (brand_id, purpose, key_number),
	constraint brand_keys_purpose_ck check (purpose in ('digsig')),
	constraint brand_keys_key_number_ck check (key_number between 1 and 255),
	constraint brand_keys_algorithm_ck check (algorithm in ('ES256')),
	constraint brand_keys_state_ck check (state in ('pending', 'active', 'retired', 'revoked')),
	constraint brand_keys_public_key_ck check (algorithm <> 'ES256' or public_key is not null)
);

-- At most one key signs for a brand and purpose at a time.
create unique index brand_keys_one_active_ix on brand_keys (brand_id, purpose) where state = 'active';

-- The key a batch is signed with, fixed at intake so that a rotation during minting never mixes keys;
-- null for an unsigned batch.
alter table mint_batches add column signing_key_id bigint references brand_keys (id);

-- One row per signed token: r || s (IEEE P1363), written by the mint chunk that writes the token, in
-- its transaction. A table of its own keeps the resolver's tokens rows lean; its primary key takes
-- ascending token numbers (right-edge appends). No foreign key, like tokens (per-row triggers would
-- dominate COPY).
create table token_signatures (
	token_id bigint primary key,
	signature bytea not null,
	constraint token_signatures_signature_ck check (length(signature) = 64)
);

-- Grants (the roles are described in V18__app_roles.sql). Only mint-jobs and the console unwrap
-- keys; the resolver and export-jobs never read wrapped_key.
grant select, insert, update (state, activated_at, retired_at, revoked_at) on brand_keys to dpp_mint, dpp_console;
grant insert on token_signatures to dpp_mint;
grant select on token_signatures to dpp_export, dpp_resolver, dpp_console;
grant select (id, brand_id, purpose, key_number, algorithm, public_key, state, created_at, activates_at,
	activated_at, retired_at, revoked_at) on brand_keys to dpp_export, dpp_resolver;
