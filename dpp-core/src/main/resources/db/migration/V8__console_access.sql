-- Console users (form login) and brand-portal API keys.

create table console_users (
	id bigint generated always as identity primary key,
	username text not null,
	password_hash text not null,
	role text not null,
	brand_id bigint references brands (id),
	enabled boolean not null default true,
	created_at timestamptz not null default now(),
	constraint console_users_username_uk unique (username),
	constraint console_users_role_ck check (role in ('operator', 'brand_owner', 'compliance_approver', 'viewer')),
	-- Brand owners and compliance approvers act for exactly one brand; operators for all.
	constraint console_users_brand_scope_ck check (
		(role in ('brand_owner', 'compliance_approver') and brand_id is not null)
		or (role = 'operator' and brand_id is null)
		or role = 'viewer')
);

create table api_keys (
	id bigint generated always as identity primary key,
	brand_id bigint not null references brands (id),
	name text not null,
	-- The key's public prefix finds the row; only a hash of the secret part is stored.
	key_prefix text not null,
	key_hash text not null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	revoked_at timestamptz,
	constraint api_keys_key_prefix_uk unique (key_prefix)
);
