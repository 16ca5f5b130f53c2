-- NFC tags (NTAG 424 DNA with Secure Unique NFC, docs/nfc.md): a batch's carrier, the brands' NFC
-- master keys (wrapped under the platform NFC KEK, never stored in the clear), and each tag's tap
-- counter, which makes a tap genuine only once.

alter table mint_batches add column carrier text not null default 'qr';
alter table mint_batches add constraint mint_batches_carrier_ck check (carrier in ('qr', 'nfc'));

-- A brand's AES-128 NFC master key, from which every tag key is diversified by token (AN10922).
-- wrapped_key is nonce || AES-256-GCM(KEK, key) with the brand and key number as associated data,
-- so a wrapped key copied onto another brand's row does not unwrap.
create table brand_nfc_keys (
	brand_id bigint not null references brands (id),
	key_number integer not null,
	wrapped_key bytea not null,
	created_at timestamptz not null default now(),
	constraint brand_nfc_keys_pk primary key (brand_id, key_number),
	constraint brand_nfc_keys_key_number_ck check (key_number >= 1),
	constraint brand_nfc_keys_wrapped_key_ck check (octet_length(wrapped_key) = 44)
);

-- One row per tag that has been tapped genuinely: the UID bound on its first genuine tap and the
-- highest SDMReadCtr accepted. A tap is genuine only if it moves last_counter up for the same UID.
create table nfc_tag_counters (
	token_id bigint primary key,
	uid bytea not null,
	last_counter integer not null,
	first_tap_at timestamptz not null,
	last_tap_at timestamptz not null,
	genuine_taps bigint not null default 1,
	rejected_taps bigint not null default 0,
	constraint nfc_tag_counters_uid_ck check (octet_length(uid) = 7),
	constraint nfc_tag_counters_last_counter_ck check (last_counter between 0 and 16777215)
);

grant select on brand_nfc_keys to dpp_resolver;
grant select, insert, update on nfc_tag_counters to dpp_resolver;
grant select on nfc_tag_counters to dpp_console;

-- The X.509 certificate (PEM) of the brand's tag programmer: the recipient the NFC key packs are
-- encrypted to. An NFC batch cannot be exported without it.
alter table brands add column tag_programmer_certificate text;

-- An NFC batch's pack has an encrypted key pack beside it (nfc-keys-<n>.csv.p7m): its size and the
-- SHA-256 of its ciphertext, recorded with the print pack in one row.
alter table export_packs add column key_pack_byte_size bigint;
alter table export_packs add column key_pack_sha256 text;
alter table export_packs add constraint export_packs_key_pack_sha256_ck check (key_pack_sha256 ~ '^[0-9a-f]{64}$');
alter table export_packs add constraint export_packs_key_pack_ck
	check ((key_pack_byte_size is null) = (key_pack_sha256 is null));

grant update (tag_programmer_certificate) on brands to dpp_console;
-- export-jobs creates a brand's master key when its first NFC batch is exported.
grant select, insert on brand_nfc_keys to dpp_export;
grant update (key_pack_byte_size, key_pack_sha256) on export_packs to dpp_export;
