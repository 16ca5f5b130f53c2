-- Minting: batches (one per accepted mint request), their lots, the tokens, and maintained counters.

-- Every batch reserves one block of token numbers from this sequence and uses the first `quantity`
-- numbers of it. Blocks never overlap, so tokens are unique by construction; a token's serial or
-- public id is its number under a keyed permutation (see IdentifierScheme), never stored.
create sequence token_block_seq as bigint increment by 1048576 minvalue 1 start with 1 no cycle;

create table mint_batches (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	product_id bigint not null references products (id),
	production_run_id bigint references production_runs (id),
	identity_mode text not null,
	activation_mode text not null,
	quantity integer not null,
	idempotency_key text,
	-- SHA-256 of the canonical request; a retry with the same key must carry the same request.
	request_fingerprint text not null,
	status text not null default 'queued',
	minted_count bigint not null default 0,
	first_token_id bigint not null,
	error text,
	requested_by text not null,
	created_at timestamptz not null default now(),
	started_at timestamptz,
	finished_at timestamptz,
	updated_at timestamptz not null default now(),
	constraint mint_batches_brand_idempotency_key_uk unique (brand_id, idempotency_key),
	constraint mint_batches_first_token_id_uk unique (first_token_id),
	constraint mint_batches_identity_mode_ck check (identity_mode in ('serial', 'lot')),
	constraint mint_batches_activation_mode_ck check (activation_mode in ('active', 'first_scan')),
	constraint mint_batches_quantity_ck check (quantity between 1 and 1000000),
	constraint mint_batches_status_ck check (status in ('queued', 'processing', 'minted', 'failed')),
	constraint mint_batches_progress_ck check (minted_count between 0 and quantity),
	constraint mint_batches_idempotency_key_ck check (length(idempotency_key) between 1 and 255)
);

create index mint_batches_brand_created_ix on mint_batches (brand_id, id desc);
create index mint_batches_unfinished_ix on mint_batches (status, id) where status in ('queued', 'processing');

create table lots (
	id bigint generated always as identity primary key,
	batch_id bigint not null references mint_batches (id),
	product_id bigint not null references products (id),
	-- GS1 AI (10): up to 20 characters of GS1 character set 82, validated at intake.
	lot_number text not null,
	quantity integer not null,
	first_token_id bigint not null,
	created_at timestamptz not null default now(),
	constraint lots_batch_lot_number_uk unique (batch_id, lot_number),
	-- A lot number names one lot of a trade item: the resolver finds /01/{gtin}/10/{lot} by it.
	constraint lots_product_lot_number_uk unique (product_id, lot_number),
	constraint lots_lot_number_ck check (length(lot_number) between 1 and 20),
	constraint lots_quantity_ck check (quantity > 0)
);

-- The hot table: one row per unit, 10M+ rows. The primary key is the resolver's only lookup path
-- (serial -> token number), so there is deliberately no secondary index over random values, and no
-- foreign keys (their per-row triggers would dominate COPY); batch_id and lot_id are written by the
-- mint job from the batch's own reserved range and lots, which makes them correct by construction.
create table tokens (
	id bigint primary key,
	batch_id bigint not null,
	lot_id bigint,
	-- 0 = minted (awaiting first scan), 1 = active, 2 = revoked.
	status smallint not null,
	created_at timestamptz not null default now(),
	activated_at timestamptz,
	constraint tokens_status_ck check (status in (0, 1, 2))
);

create index tokens_revoked_ix on tokens (id) where status = 2;

create table token_revocations (
	token_id bigint primary key,
	reason text not null,
	revoked_by text not null,
	revoked_at timestamptz not null default now(),
	constraint token_revocations_reason_ck check (length(btrim(reason)) between 1 and 500)
);

-- Dashboard KPIs, maintained in the same transactions that change what they count, so no page ever
-- needs COUNT(*) over tokens.
create table brand_counters (
	brand_id bigint primary key references brands (id),
	tokens_minted bigint not null default 0,
	active_tokens bigint not null default 0,
	batches_created bigint not null default 0,
	exports_completed bigint not null default 0
);

-- Launchers LISTEN on this channel, so a queued batch starts within milliseconds of its commit.
-- Queuing again (an operator's restart of a failed batch) notifies as well.
create function mint_batch_queued_notify() returns trigger as
$$
begin
	perform pg_notify('dpp_mint_batch_queued', new.id::text);
	return new;
end;
$$ language plpgsql;

create trigger mint_batches_queued_notify_trg
after insert or update of status on mint_batches
for each row when (new.status = 'queued')
execute function mint_batch_queued_notify();
