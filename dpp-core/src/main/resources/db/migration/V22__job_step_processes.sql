-- Which process ran each step execution (docs/console.md, "Job timeline"): Spring Batch's job
-- repository does not say, and with remote partitioning a job's partitions run in several worker
-- processes. The job apps record themselves before each step starts (dpp-jobs' StepProcessRecorder);
-- the console's job timeline reads it. A step execution normally runs in one process (a restart
-- creates new ones); a remote partition whose worker died is finished by another worker as the same
-- step execution, and its row then names both: "mint-jobs@a:101 → mint-jobs@b:202".
create table job_step_processes (
	step_execution_id bigint primary key,
	job_execution_id bigint not null,
	process text not null,
	recorded_at timestamptz not null default now()
);

create index job_step_processes_job_ix on job_step_processes (job_execution_id, step_execution_id);

grant select, insert, update (process, recorded_at) on job_step_processes to dpp_mint, dpp_export;
grant select on job_step_processes to dpp_console;
