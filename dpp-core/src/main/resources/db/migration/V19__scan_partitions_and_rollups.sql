-- Bounded scan telemetry (docs/operations.md, "Keeping data bounded").
--
-- scan_events becomes a table partitioned by month (range over scanned_at, months in UTC). The
-- existing table is not copied: it is renamed and attached as one legacy partition covering
-- everything before the end of the current month. A validated check constraint proves its rows fit
-- that range, so the attach itself reads nothing; the validation reads the table once and writes
-- nothing (no rewrite, no new index). The legacy partition is dropped like any month once all of it
-- is older than the retention.
--
-- No primary key on the partitioned table: one would have to include scanned_at, and building
-- (id, scanned_at) over the legacy partition is exactly the copy-sized work this migration avoids.
-- Nothing refers to a scan event by id; the legacy partition keeps its own index on id.
--
-- Robots cause no scan event (no telemetry about them), but the robot share needs their number:
-- the resolver's telemetry writer counts robot scans per day, brand, product and country in each
-- batch it writes and inserts one row per group into scan_robot_counts, partitioned the same way.
--
-- Daily roll-ups (scan_daily per brand, product and country; scan_daily_brand per brand and country
-- and scan_daily_all_brands per country, for the console) are recomputed by scan_maintenance() for
-- the days not yet closed, and kept when the raw partitions are dropped. scan_maintenance() also creates partitions ahead and drops the
-- expired ones; it is SECURITY DEFINER (owned by the migrating owner, which alone may run DDL) and
-- executable only by dpp_console, the app that schedules it.

alter table scan_events rename to scan_events_legacy;
alter index scan_events_scanned_at_ix rename to scan_events_legacy_scanned_at_ix;
alter table scan_events_legacy rename constraint scan_events_pkey to scan_events_legacy_pkey;
alter table scan_events_legacy add column product_id bigint;
revoke all on scan_events_legacy from dpp_resolver;

create table scan_events (
	id bigint generated always as identity,
	scanned_at timestamptz not null,
	token_id bigint,
	batch_id bigint,
	brand_id bigint,
	identifier text not null,
	network_prefix cidr,
	country text,
	region text,
	user_agent text,
	first_scan boolean not null default false,
	product_id bigint,
	constraint scan_events_network_prefix_ck check (
		network_prefix is null
		or (family(network_prefix) = 4 and masklen(network_prefix) <= 24)
		or (family(network_prefix) = 6 and masklen(network_prefix) <= 48))
) partition by range (scanned_at);

create table scan_robot_counts (
	scanned_at timestamptz not null,
	brand_id bigint,
	product_id bigint,
	country text,
	scans integer not null,
	constraint scan_robot_counts_scans_ck check (scans > 0)
) partition by range (scanned_at);

-- Rows whose month has no partition yet (maintenance lagging) land here instead of failing; the
-- next maintenance moves them into their month's partition when it creates it.
create table scan_events_default partition of scan_events default;
create table scan_robot_counts_default partition of scan_robot_counts default;

-- The partitions maintenance manages, with their ranges (the legacy partition's lower bound is
-- -infinity), so that it never has to parse partition bounds.
create table scan_partitions (
	name text primary key,
	parent text not null,
	from_at timestamptz not null,
	to_at timestamptz not null,
	constraint scan_partitions_parent_ck check (parent in ('scan_events', 'scan_robot_counts')),
	constraint scan_partitions_range_ck check (from_at < to_at)
);

do $$
declare
	bound timestamptz := (date_trunc('month', now() at time zone 'UTC') + interval '1 month') at time zone 'UTC';
	next_id bigint := (select coalesce(max(id), 0) + 1 from scan_events_legacy);
begin
	-- A partition may not bring its own identity; ids go on from the legacy table's.
	alter table scan_events_legacy alter column id drop identity;
	execute format('alter table scan_events alter column id restart with %s', next_id);
	execute format('alter table scan_events_legacy add constraint scan_events_legacy_bound_ck check (scanned_at < %L) not valid',
		bound);
	alter table scan_events_legacy validate constraint scan_events_legacy_bound_ck;
	execute format('alter table scan_events attach partition scan_events_legacy for values from (minvalue) to (%L)', bound);
	insert into scan_partitions (name, parent, from_at, to_at)
	values ('scan_events_legacy', 'scan_events', '-infinity', bound);
end
$$;

-- Created on the parent, found on the legacy partition (the renamed index) and attached: not rebuilt.
create index scan_events_scanned_at_ix on scan_events using brin (scanned_at);
create index scan_robot_counts_scanned_at_ix on scan_robot_counts using brin (scanned_at);

-- Daily roll-ups, days in UTC. country is null when the edge sent none; brand and product are null
-- when unknown (product: a legacy event of a lot or product URL).
create table scan_daily (
	day date not null,
	brand_id bigint,
	product_id bigint,
	country text,
	scans bigint not null,
	first_scans bigint not null,
	robot_scans bigint not null,
	constraint scan_daily_uk unique nulls not distinct (day, brand_id, product_id, country)
);

-- What the console reads: the same without the product, a few hundred rows a day at most.
create table scan_daily_brand (
	day date not null,
	brand_id bigint,
	country text,
	scans bigint not null,
	first_scans bigint not null,
	robot_scans bigint not null,
	-- Covering: a brand's year is read from the index alone (its rows lie scattered over the
	-- table, as each day's roll-up writes every brand's rows together).
	constraint scan_daily_brand_uk unique nulls not distinct (brand_id, day, country)
		include (scans, first_scans, robot_scans)
);

-- And for every brand at once (operators): one row per day and country, so a year of statistics
-- is a few thousand rows to add up however many brands there are.
create table scan_daily_all_brands (
	day date not null,
	country text,
	scans bigint not null,
	first_scans bigint not null,
	robot_scans bigint not null,
	constraint scan_daily_all_brands_uk unique nulls not distinct (day, country)
		include (scans, first_scans, robot_scans)
);

-- Days up to closed_through are final: rolled up after they ended (plus a grace for late telemetry)
-- and never recomputed, so dropping their raw rows cannot change them.
create table scan_rollup_state (
	singleton boolean primary key default true,
	closed_through date not null,
	constraint scan_rollup_state_singleton_ck check (singleton)
);

-- The first legacy event (by id, through the primary key: ids follow time within seconds) says where
-- the roll-up starts; an empty table starts yesterday.
insert into scan_rollup_state (closed_through)
select coalesce((select (scanned_at at time zone 'UTC')::date from scan_events_legacy order by id limit 1),
	(now() at time zone 'UTC')::date) - 1;

-- Recompute the roll-ups of the days [from_day, to_day): delete and insert, so a retry or a run
-- after a crash gives the same rows.
create function scan_rollup(from_day date, to_day date) returns void
language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
declare
	from_at timestamptz := from_day::timestamp at time zone 'UTC';
	to_at timestamptz := to_day::timestamp at time zone 'UTC';
begin
	delete from scan_daily where day >= from_day and day < to_day;
	insert into scan_daily (day, brand_id, product_id, country, scans, first_scans, robot_scans)
	select day, brand_id, product_id, country, sum(scans), sum(first_scans), sum(robot_scans)
	from (
		select (e.scanned_at at time zone 'UTC')::date as day, e.brand_id,
			coalesce(e.product_id, b.product_id) as product_id, e.country, count(*) as scans,
			count(*) filter (where e.first_scan) as first_scans, 0 as robot_scans
		from scan_events e
		left join mint_batches b on e.product_id is null and b.id = e.batch_id
		where e.scanned_at >= from_at and e.scanned_at < to_at
		group by 1, 2, 3, 4
		union all
		select (r.scanned_at at time zone 'UTC')::date, r.brand_id, r.product_id, r.country, 0, 0, sum(r.scans)
		from scan_robot_counts r
		where r.scanned_at >= from_at and r.scanned_at < to_at
		group by 1, 2, 3, 4) counted
	group by day, brand_id, product_id, country;

	delete from scan_daily_brand where day >= from_day and day < to_day;
	insert into scan_daily_brand (day, brand_id, country, scans, first_scans, robot_scans)
	select day, brand_id, country, sum(scans), sum(first_scans), sum(robot_scans)
	from scan_daily
	where day >= from_day and day < to_day
	group by day, brand_id, country;

	delete from scan_daily_all_brands where day >= from_day and day < to_day;
	insert into scan_daily_all_brands (day, country, scans, first_scans, robot_scans)
	select day, country, sum(scans), sum(first_scans), sum(robot_scans)
	from scan_daily_brand
	where day >= from_day and day < to_day
	group by day, country;
end;
$$;

-- Create partition [from_at, to_at) of parent unless it exists, moving the rows the default
-- partition holds for that range into it first (attach refuses a range the default has rows of).
create function scan_partition_create(parent text, from_at timestamptz, to_at timestamptz) returns text
language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
declare
	name text := parent || '_' || to_char(from_at at time zone 'UTC', 'YYYY_MM');
begin
	if exists (select from scan_partitions p where p.parent = scan_partition_create.parent
			and p.from_at < scan_partition_create.to_at and p.to_at > scan_partition_create.from_at) then
		return null;
	end if;
	execute format('create table %I (like %I including defaults including constraints)', name, parent);
	execute format('alter table %I add constraint %I check (scanned_at >= %L and scanned_at < %L)', name,
		name || '_bound_ck', from_at, to_at);
	execute format('with moved as (delete from %I where scanned_at >= %L and scanned_at < %L returning *) '
		'insert into %I select * from moved', parent || '_default', from_at, to_at, name);
	execute format('alter table %I attach partition %I for values from (%L) to (%L)', parent, name, from_at, to_at);
	insert into scan_partitions (name, parent, from_at, to_at) values (name, parent, from_at, to_at);
	return name;
end;
$$;

-- Partitions for this month and the next months_ahead months, for both tables (a month the legacy
-- partition covers is left to it).
create function scan_partitions_ahead(months_ahead integer) returns text[]
language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
declare
	this_month timestamp := date_trunc('month', now() at time zone 'UTC');
	created text[] := '{}';
	made text;
	parent text;
begin
	foreach parent in array array['scan_events', 'scan_robot_counts'] loop
		for i in 0..months_ahead loop
			made := scan_partition_create(parent, (this_month + make_interval(months => i)) at time zone 'UTC',
				(this_month + make_interval(months => i + 1)) at time zone 'UTC');
			if made is not null then
				created := created || made;
			end if;
		end loop;
	end loop;
	return created;
end;
$$;

-- The whole maintenance, idempotent; one run at a time across every replica (a transaction-level
-- advisory lock: a second caller returns at once with skipped = true).
--   1. roll-ups of the days after closed_through up to today (at most 7 days a run, so catching up
--      over a long legacy history is bounded work per run), closing the days that ended more than an
--      hour ago (the grace for telemetry still queued in a resolver);
--   2. partitions for this month and the next months_ahead months;
--   3. drops the partitions whose range ended before the first month kept (this month and the
--      retention_months - 1 before it) and deletes such rows from the default partitions, but only
--      where every day of them is closed: roll-ups first, always.
-- The DDL comes last, so its locks are held only until the commit just after it, and waits at most
-- lock_timeout for the resolver's inserts; a timeout fails the run, which then changes nothing and
-- is retried by the next one.
create function scan_maintenance(retention_months integer, months_ahead integer default 2) returns jsonb
language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
declare
	this_month timestamp := date_trunc('month', now() at time zone 'UTC');
	cutoff timestamptz;
	today date := (now() at time zone 'UTC')::date;
	closed date;
	roll_from date;
	roll_to date;
	created text[];
	dropped text[] := '{}';
	kept text[] := '{}';
	p record;
begin
	if retention_months is null or retention_months < 1 or retention_months > 1200 then
		raise exception 'retention_months must be between 1 and 1200, not %', retention_months
			using errcode = 'invalid_parameter_value';
	end if;
	if months_ahead is null or months_ahead < 1 or months_ahead > 24 then
		raise exception 'months_ahead must be between 1 and 24, not %', months_ahead
			using errcode = 'invalid_parameter_value';
	end if;
	if not pg_try_advisory_xact_lock(7305476915621011) then
		return jsonb_build_object('skipped', true);
	end if;
	perform set_config('lock_timeout', '10s', true);
	cutoff := (this_month - make_interval(months => retention_months - 1)) at time zone 'UTC';

	select closed_through into closed from scan_rollup_state for update;
	roll_from := closed + 1;
	roll_to := least(roll_from + 7, today + 1);
	if roll_from < roll_to then
		perform scan_rollup(roll_from, roll_to);
		closed := greatest(closed, least(roll_to - 1, ((now() - interval '1 hour') at time zone 'UTC')::date - 1));
		update scan_rollup_state set closed_through = closed;
	end if;

	created := scan_partitions_ahead(months_ahead);

	for p in select * from scan_partitions where to_at <= cutoff order by to_at loop
		if (p.to_at at time zone 'UTC')::date - 1 <= closed then
			execute format('drop table %I', p.name);
			delete from scan_partitions where name = p.name;
			dropped := dropped || p.name;
		else
			kept := kept || p.name;
		end if;
	end loop;
	delete from scan_events_default
	where scanned_at < least(cutoff, (closed + 1)::timestamp at time zone 'UTC');
	delete from scan_robot_counts_default
	where scanned_at < least(cutoff, (closed + 1)::timestamp at time zone 'UTC');

	return jsonb_build_object('skipped', false, 'created', to_jsonb(created), 'dropped', to_jsonb(dropped),
		'awaiting_rollup', to_jsonb(kept), 'rolled_up_from', roll_from, 'rolled_up_to', roll_to,
		'closed_through', closed, 'keeps_from', cutoff);
end;
$$;

revoke all on function scan_rollup(date, date), scan_partition_create(text, timestamptz, timestamptz),
	scan_partitions_ahead(integer), scan_maintenance(integer, integer) from public;
grant execute on function scan_maintenance(integer, integer) to dpp_console;

select scan_partitions_ahead(2);

grant insert on scan_events, scan_robot_counts to dpp_resolver;
grant select on scan_daily_brand, scan_daily_all_brands to dpp_console;
