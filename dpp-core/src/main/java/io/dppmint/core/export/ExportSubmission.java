package io.dppmint.core.export;

import java.util.List;

/**
 * What a request for a batch's export led to.
 *
 * @param export the export as it stands after the request
 * @param outcome what the request did
 * @param packs its recorded packs (all of them when completed)
 */
public record ExportSubmission(Export export, Outcome outcome, List<ExportPack> packs) {

	public ExportSubmission {
		packs = List.copyOf(packs);
	}

	/** What a request did. */
	public enum Outcome {

		/** A new export was queued. */
		CREATED,
		/** The export was queued already and waits for a process. */
		QUEUED,
		/**
		 * A failed or interrupted export was queued again; it resumes at its first
		 * incomplete pack.
		 */
		RESUMED,
		/** The export is complete: its packs are returned, nothing runs. */
		COMPLETED

	}

}
