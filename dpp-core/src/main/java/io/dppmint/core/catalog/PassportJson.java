package io.dppmint.core.catalog;

import java.util.Map;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of passport data in {@code products.passport}: one object of string
 * values.
 */
final class PassportJson {

	private static final JsonMapper mapper = JsonMapper.shared();

	private static final ObjectReader reader = mapper.readerForMapOf(String.class);

	private PassportJson() {
	}

	static String write(Map<String, String> passport) {
		return mapper.writeValueAsString(passport);
	}

	static Map<String, String> read(String json) {
		return reader.readValue(json);
	}

}
