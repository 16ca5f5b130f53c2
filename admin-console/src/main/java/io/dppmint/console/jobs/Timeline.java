package io.dppmint.console.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.dppmint.console.jobs.JdbcJobExecutions.TimelineStep;
import io.dppmint.console.jobs.JobOperationsController.ExecutionView;

/**
 * An execution's steps and partitions laid out on its time axis, for the timeline page:
 * the axis runs from the execution's start to its end (or now, while it runs), and each
 * step is a bar from its start to its end (or its last update, or now while it runs).
 *
 * @param execution the execution
 * @param bars the steps of this page, in start order
 * @param axisStart the axis's start
 * @param axisEnd the axis's end
 * @param running whether the execution still runs (the page refreshes itself)
 */
record Timeline(ExecutionView execution, List<Bar> bars, Instant axisStart, Instant axisEnd, boolean running) {

	/**
	 * The narrowest bar drawn, in percent of the axis, so an instant step stays visible.
	 */
	private static final double MIN_WIDTH = 0.4;

	static Timeline of(ExecutionView execution, List<TimelineStep> steps, Instant now) {
		boolean running = switch (execution.status()) {
			case "STARTING", "STARTED", "STOPPING" -> true;
			default -> false;
		};
		Instant start = (execution.startedAt() != null) ? execution.startedAt() : execution.createdAt();
		Instant end = (execution.endedAt() != null) ? execution.endedAt() : now;
		long span = Math.max(1, Duration.between(start, end).toMillis());
		List<Bar> bars = steps.stream().map((step) -> {
			Instant from = (step.startedAt() != null) ? step.startedAt() : start;
			Instant to = (step.endedAt() != null) ? step.endedAt()
					: running ? now : (step.lastUpdated() != null) ? step.lastUpdated() : from;
			double left = clamp(100.0 * Duration.between(start, from).toMillis() / span);
			double width = Math.max(MIN_WIDTH,
					Math.min(100.0 - left, 100.0 * Duration.between(from, to).toMillis() / span));
			return new Bar(step, left, width, Duration.between(from, to).toMillis());
		}).toList();
		return new Timeline(execution, bars, start, end, running);
	}

	private static double clamp(double percent) {
		return Math.max(0, Math.min(100 - MIN_WIDTH, percent));
	}

	/**
	 * A step on the axis.
	 *
	 * @param step the step execution
	 * @param left where it starts, in percent of the axis
	 * @param width how long it ran, in percent of the axis
	 * @param millis how long it ran
	 */
	record Bar(TimelineStep step, double left, double width, long millis) {

		/** {@code left:12.5%;width:30.0%} for the bar's style attribute. */
		public String style() {
			return String.format(java.util.Locale.ROOT, "left:%.2f%%;width:%.2f%%", this.left, this.width);
		}

		public boolean failed() {
			return "FAILED".equals(this.step.status());
		}

	}

}
