-- Access to restricted passport data (docs/passports.md, "Access levels"): a brand issues grants to
-- actors with a legitimate interest (repairers, recyclers, ...) and to authorities (market
-- surveillance, customs); a grant holder sends its token as a bearer token and the resolver serves
-- the fields of its level. ESPR Art. 9(2)(f), Art. 11(b); Regulation (EU) 2023/1542 Art. 77(2).

create table access_grants (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	level text not null,
	holder_name text not null,
	holder_kind text not null,
	purpose text,
	-- The token is dppg_<prefix>_<secret>: the prefix finds the grant, only the token's SHA-256 is kept
	-- (as for API keys), so a database read gives nobody a usable token.
	token_prefix text not null,
	token_sha256 bytea not null,
	created_by text not null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	revoked_at timestamptz,
	revoked_by text,
	constraint access_grants_token_prefix_uk unique (token_prefix),
	constraint access_grants_level_ck check (level in ('legitimate_interest', 'authority')),
	constraint access_grants_holder_kind_ck check (holder_kind in ('repairer', 'refurbisher', 'remanufacturer',
		'recycler', 'market_surveillance', 'customs', 'notified_body', 'other')),
	constraint access_grants_holder_name_ck check (length(btrim(holder_name)) between 1 and 200),
	constraint access_grants_purpose_ck check (length(purpose) <= 500),
	constraint access_grants_token_sha256_ck check (length(token_sha256) = 32),
	constraint access_grants_expiry_ck check (expires_at > created_at),
	constraint access_grants_revoked_ck check ((revoked_at is null) = (revoked_by is null))
);

create index access_grants_brand_ix on access_grants (brand_id, id);

-- One row per restricted passport answer: which grant saw what, when, in which format. No IP address,
-- user agent or cookie: a grant is its holder's identity.
create table passport_access_events (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	brand_id bigint not null references brands (id),
	grant_id bigint not null references access_grants (id),
	level text not null,
	product_id bigint not null,
	token_id bigint,
	passport_version integer not null,
	format text not null,
	constraint passport_access_events_format_ck check (format in ('html', 'json'))
);

create index passport_access_events_grant_ix on passport_access_events (grant_id, id);
create index passport_access_events_brand_ix on passport_access_events (brand_id, id);

-- The log is evidence: nobody changes or deletes it.
create trigger passport_access_events_immutable_trg
before update or delete on passport_access_events
for each row execute function passport_history_immutable();

grant select, insert, update (revoked_at, revoked_by) on access_grants to dpp_console;
grant select on passport_access_events to dpp_console;
grant select (id, brand_id, level, holder_name, token_prefix, token_sha256, expires_at, revoked_at) on access_grants
	to dpp_resolver;
grant insert on passport_access_events to dpp_resolver;
