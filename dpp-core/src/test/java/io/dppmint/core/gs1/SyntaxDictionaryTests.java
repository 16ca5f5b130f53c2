package io.dppmint.core.gs1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.testsupport.Gs1ReferenceFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks each fact of {@link ApplicationIdentifier} against the AI's entry in the GS1
 * Barcode Syntax Dictionary ({@code gs1-syntax-dictionary.txt}), whose header defines the
 * entry format: {@code AIs [Flags] Specification [Attributes...] [# Title]}.
 */
class SyntaxDictionaryTests {

	private static final String FLAG_CHARACTERS = "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~";

	private static final Pattern COMPONENT = Pattern.compile("([NXYZ])(\\d+)?(?:\\.\\.(\\d+))?((?:,\\w+)*)");

	/**
	 * Linters of the dictionary that {@link ApplicationIdentifier} knowingly does not
	 * run: {@code gcppos2} needs GS1's Company Prefix allocation data, and passes any
	 * all-digit value without it.
	 */
	private static final List<String> LINTERS_NOT_ENFORCED = List.of("gcppos2");

	private static Map<String, Entry> entries;

	@BeforeAll
	static void readDictionary() {
		entries = new HashMap<>();
		for (String line : Gs1ReferenceFiles.read(Gs1ReferenceFiles.SYNTAX_DICTIONARY).lines().toList()) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Entry entry = Entry.of(line);
			entries.put(entry.ai(), entry);
		}
		assertThat(entries).as("entries in the dictionary").hasSizeGreaterThan(100);
	}

	@ParameterizedTest
	@EnumSource
	void titleAgreesWithTheDictionary(ApplicationIdentifier ai) {
		assertThat(entry(ai).title()).isEqualTo(ai.title());
	}

	@ParameterizedTest
	@EnumSource
	void formatAgreesWithTheDictionary(ApplicationIdentifier ai) {
		Entry entry = entry(ai);
		assertThat(entry.specification()).as("components of %s", ai).hasSize(1);
		Matcher component = COMPONENT.matcher(entry.specification().get(0));
		assertThat(component.matches()).as("%s specification %s", ai, entry.specification()).isTrue();
		assertThat(component.group(1)).as("character set of %s", ai).isEqualTo(ai.numeric() ? "N" : "X");
		int min = (component.group(2) != null) ? Integer.parseInt(component.group(2)) : 1;
		int max = (component.group(3) != null) ? Integer.parseInt(component.group(3)) : min;
		assertThat(ai.minLength()).as("minimum length of %s", ai).isEqualTo(min);
		assertThat(ai.maxLength()).as("maximum length of %s", ai).isEqualTo(max);
		List<String> linters = new ArrayList<>(Arrays.asList(component.group(4).split(",")));
		linters.removeIf(String::isEmpty);
		assertThat(linters.contains("csum")).as("check digit of %s", ai).isEqualTo(ai.checkDigit());
		linters.remove("csum");
		assertThat(LINTERS_NOT_ENFORCED).as("linters of %s that are not enforced", ai).containsAll(linters);
	}

	@ParameterizedTest
	@EnumSource
	void flagsAgreeWithTheDictionary(ApplicationIdentifier ai) {
		String flags = entry(ai).flags();
		assertThat(flags.replace("*", "").replace("?", "")).as("flags of %s that are not modelled", ai).isEmpty();
		assertThat(flags.contains("*")).as("predefined length of %s", ai).isEqualTo(ai.predefinedLength());
		assertThat(flags.contains("?")).as("data attribute flag of %s", ai).isEqualTo(ai.digitalLinkDataAttribute());
	}

	@Test
	void gtinQualifierOrderIsTheDictionarysFirstKeyQualifierSequence() {
		List<String> dlpkey = entry(ApplicationIdentifier.GTIN).values("dlpkey");
		assertThat(dlpkey).hasSize(1);
		String firstSequence = dlpkey.get(0).split("\\|")[0];
		assertThat(ApplicationIdentifier.GTIN_QUALIFIERS.stream().map(ApplicationIdentifier::code).toList())
			.isEqualTo(List.of(firstSequence.split(",")));
	}

	@ParameterizedTest
	@EnumSource(names = { "CPV", "BATCH_LOT", "SERIAL" })
	void qualifiersAreNotPrimaryKeysAndMayAccompanyTheGtin(ApplicationIdentifier ai) {
		Entry entry = entry(ai);
		assertThat(entry.attributes()).as("attributes of %s", ai)
			.noneMatch((attribute) -> attribute.startsWith("dlpkey"));
		assertThat(entry.values("req")).as("requirements of %s", ai)
			.isNotEmpty()
			.allSatisfy(
					(alternatives) -> assertThat(alternatives.split(",")).contains(ApplicationIdentifier.GTIN.code()));
	}

	@ParameterizedTest
	@EnumSource
	void noAiOfADigitalLinkExcludesAnother(ApplicationIdentifier ai) {
		List<String> excluded = entry(ai).values("ex").stream().flatMap((ex) -> Arrays.stream(ex.split(","))).toList();
		List<String> codes = Arrays.stream(ApplicationIdentifier.values()).map(ApplicationIdentifier::code).toList();
		assertThat(excluded).as("AIs that %s excludes", ai).doesNotContainAnyElementsOf(codes);
	}

	private static Entry entry(ApplicationIdentifier ai) {
		Entry entry = entries.get(ai.code());
		assertThat(entry).as("dictionary entry for %s", ai).isNotNull();
		return entry;
	}

	record Entry(String ai, String flags, List<String> specification, List<String> attributes, String title) {

		static Entry of(String line) {
			int hash = line.indexOf('#');
			String title = (hash >= 0) ? line.substring(hash + 1).strip() : "";
			List<String> tokens = List.of(((hash >= 0) ? line.substring(0, hash) : line).strip().split("\\s+"));
			int next = 1;
			String flags = "";
			if (next < tokens.size() && tokens.get(next).chars().allMatch((c) -> FLAG_CHARACTERS.indexOf(c) >= 0)) {
				flags = tokens.get(next++);
			}
			List<String> specification = new ArrayList<>();
			while (next < tokens.size() && tokens.get(next).matches("\\[?[NXYZ].*")) {
				specification.add(tokens.get(next++));
			}
			return new Entry(tokens.get(0), flags, specification, tokens.subList(next, tokens.size()), title);
		}

		/**
		 * The values of every instance of an attribute ({@code key=value}).
		 */
		List<String> values(String key) {
			return this.attributes.stream()
				.filter((attribute) -> attribute.startsWith(key + "="))
				.map((attribute) -> attribute.substring(key.length() + 1))
				.toList();
		}

	}

}
