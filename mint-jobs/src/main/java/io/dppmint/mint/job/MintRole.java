package io.dppmint.mint.job;

/**
 * What a mint-jobs process does ({@code dpp.mint.role}).
 */
public enum MintRole {

	/**
	 * Everything in one process: the launcher runs jobs and writes their partitions on
	 * its own threads. The default; needs no other process.
	 */
	STANDALONE,

	/**
	 * The launcher runs jobs, and hands their partitions to worker processes through a
	 * PostgreSQL-backed channel instead of writing them itself.
	 */
	MANAGER,

	/**
	 * Runs partitions handed out by managers; runs no job of its own, picks up no batch
	 * and migrates nothing.
	 */
	WORKER

}
