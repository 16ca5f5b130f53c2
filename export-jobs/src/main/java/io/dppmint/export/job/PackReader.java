package io.dppmint.export.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.minting.MintBatch;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Hands out the packs of an export that are not recorded yet, in pack order. Its position
 * is the {@code export_packs} table itself, read when the step opens: a pack is done
 * exactly when its row committed, so a restart (after a failure or a killed process)
 * continues at the first incomplete pack and never hands out a completed one again.
 */
class PackReader implements ItemStreamReader<PackSlice> {

	private final Export export;

	private final MintBatch batch;

	private final JdbcExportRepository exports;

	private final Deque<PackSlice> pending = new ArrayDeque<>();

	PackReader(Export export, MintBatch batch, JdbcExportRepository exports) {
		this.export = export;
		this.batch = batch;
		this.exports = exports;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.pending.clear();
		Set<Integer> done = new HashSet<>();
		for (ExportPack pack : this.exports.packs(this.export.id())) {
			done.add(pack.packNumber());
		}
		for (int number = 1; number <= this.export.packCount(); number++) {
			if (!done.contains(number)) {
				long offset = (number - 1L) * this.export.packSize();
				int rows = Math.toIntExact(Math.min(this.export.packSize(), this.batch.quantity() - offset));
				this.pending.add(new PackSlice(this.export.id(), number, this.batch.firstTokenId() + offset, rows));
			}
		}
	}

	@Override
	public PackSlice read() {
		return this.pending.poll();
	}

}
