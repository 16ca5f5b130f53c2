-- The fence of a batch's mint lease. A batch's job runs only in the process holding the batch's
-- advisory lock, but a process can lose that lock without knowing it (a pause or a network cut
-- longer than its session): the next holder advances the fence, and every chunk's progress and
-- every final transition of the job is conditional on the fence its writer took, so the stale
-- process records nothing more. A constant default makes this a catalogue-only change.
alter table mint_batches add column lease_fence bigint not null default 0;
