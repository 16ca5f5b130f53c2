/**
 * Exports (print jobs): the intake that requests, resumes or returns a batch's export,
 * its repository with the lease (soft lock), pack storage, and signed download URLs.
 * export-jobs runs and serves exports; the console and API request them and sign URLs.
 */
package io.dppmint.core.export;
