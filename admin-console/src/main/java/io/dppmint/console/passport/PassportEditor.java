package io.dppmint.console.passport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidationException;
import io.dppmint.core.passport.PassportValidator;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.PassportVersion;
import io.dppmint.core.passport.PassportVersionConflictException;
import io.dppmint.core.passport.VisiblePassport;

import org.springframework.ui.Model;

/**
 * The flow of the console's passport editors, one for every data level: the form opened
 * from the current data (its problems under the schema shown), rows added and removed,
 * and a save that writes the next version only if nobody saved since the form was read
 * and the schema did not change meanwhile. A refused value is shown next to its input and
 * nothing is written. The product, batch and unit editors differ only in what they edit
 * ({@link Edited}) and in their pages.
 */
final class PassportEditor {

	private PassportEditor() {
	}

	/**
	 * Fill the model with the editor opened on the current data.
	 * @param model the page's model
	 * @param edited what is edited
	 */
	static void open(Model model, Edited edited) {
		List<FieldError> problems = PassportValidator.check(edited.schema(), edited.data(), edited.level(),
				PassportForm.PREFIX);
		show(model, edited, PassportForm.of(edited.schema(), edited.level(), edited.visible()), problems,
				edited.version());
		model.addAttribute("currentProblems", !problems.isEmpty());
	}

	/**
	 * Act on a submitted form: add or remove a list's row, or save.
	 * @param model the page's model, filled to show the form again unless it was saved
	 * @param edited what is edited
	 * @param action {@code save}, {@code add:<list path>} or {@code remove:<row path>}
	 * @param version the version the form was opened at
	 * @param schemaVersion the schema version the form was made from
	 * @param parameters the request's parameters
	 * @return the notice to show once saved, or empty when the form is to be shown again
	 */
	static Optional<String> submit(Model model, Edited edited, String action, String version, String schemaVersion,
			Map<String, String[]> parameters) {
		int readVersion = number(version, "version");
		PassportSchema schema = edited.schema();
		PassportForm form = PassportForm.of(schema, edited.level(), edited.visible(), parameters);
		if (action.startsWith("add:")) {
			show(model, edited, form.addRow(action.substring(4)), List.of(), readVersion);
			return Optional.empty();
		}
		if (action.startsWith("remove:")) {
			show(model, edited, form.removeRow(action.substring(7)), List.of(), readVersion);
			return Optional.empty();
		}
		form.withoutBlankRows();
		if (number(schemaVersion, "schemaVersion") != schema.version()) {
			show(model, edited, form, List.of(), readVersion);
			model.addAttribute("error",
					edited.brandName() + " published version " + schema.version()
							+ " of its passport schema since this form was opened. Nothing was saved: check the fields"
							+ " (the form now follows the new schema) and save again.");
			return Optional.empty();
		}
		try {
			PassportVersion saved = edited.writer()
				.submit(JdbcPassports.Change.replace(PassportValues.of(form.toJson())), readVersion);
			return Optional.of((saved.version() == readVersion)
					? "Nothing changed: the passport stays at version " + readVersion + "."
					: "Saved as version " + saved.version() + ".");
		}
		catch (PassportValidationException ex) {
			show(model, edited, form, ex.errors(), readVersion);
			return Optional.empty();
		}
		catch (PassportVersionConflictException ex) {
			show(model, edited, form, List.of(), readVersion);
			model.addAttribute("stale", ex.currentVersion());
			return Optional.empty();
		}
	}

	private static void show(Model model, Edited edited, PassportForm form, List<FieldError> errors, int version) {
		PassportSchema schema = edited.schema();
		model.addAttribute("sections", form.sections(errors));
		model.addAttribute("errors", form.summary(errors));
		model.addAttribute("version", version);
		model.addAttribute("schemaVersion", schema.version());
		model.addAttribute("dropped",
				edited.data()
					.keys()
					.stream()
					.filter((key) -> schema.field(key).map((field) -> field.level() != edited.level()).orElse(true))
					.toList());
	}

	private static int number(String text, String name) {
		if (!text.matches("[0-9]{1,9}")) {
			throw ApiException.invalid(name, "INVALID_VERSION",
					"The form's " + name + " is missing or not a number: reload the page");
		}
		return Integer.parseInt(text);
	}

	/**
	 * What an editor edits: one subject's data at one level.
	 *
	 * @param schema the brand's current schema
	 * @param level the level of the data
	 * @param data the subject's current data
	 * @param version its version
	 * @param brandName the brand's name, for messages
	 * @param writer how a change is written (scoped, checked and audited by its caller)
	 */
	record Edited(PassportSchema schema, DataLevel level, PassportValues data, int version, String brandName,
			Writer writer) {

		VisiblePassport visible() {
			return VisiblePassport.project(this.schema, this.data, AccessLevel.OPERATOR);
		}

	}

	/** Writes a change as the subject's next version. */
	@FunctionalInterface
	interface Writer {

		/**
		 * @param change the new data
		 * @param expectedVersion the version the form was opened at
		 * @return the version written, or the current one when nothing changed
		 */
		PassportVersion submit(JdbcPassports.Change change, int expectedVersion);

	}

}
