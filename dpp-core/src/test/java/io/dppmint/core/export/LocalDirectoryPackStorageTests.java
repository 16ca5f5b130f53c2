package io.dppmint.core.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalDirectoryPackStorageTests {

	@TempDir
	Path root;

	@Test
	void showsAnObjectOnlyOnceCommitted() throws IOException {
		LocalDirectoryPackStorage storage = new LocalDirectoryPackStorage(this.root);
		String key = Export.packStorageKey(42, 1);

		try (PackStorage.Upload upload = storage.create(key)) {
			upload.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
			upload.stream().flush();
			assertThat(storage.exists(key)).isFalse();
			upload.commit();
		}

		assertThat(storage.exists(key)).isTrue();
		try (InputStream in = storage.open(key)) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\r\n");
		}
		assertThat(this.root.resolve("exports/42/pack-00001.csv")).exists();
		try (var files = Files.list(this.root.resolve("exports/42"))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void persistsAheadOfTimeWithoutShowingTheObjectAndDiscardsItIfNeverCommitted() throws IOException {
		LocalDirectoryPackStorage storage = new LocalDirectoryPackStorage(this.root);
		String kept = Export.packStorageKey(7, 1);
		String dropped = Export.packStorageKey(7, 2);

		try (PackStorage.Upload upload = storage.create(kept)) {
			upload.stream().write("kept\r\n".getBytes(StandardCharsets.UTF_8));
			upload.persist();
			upload.persist();
			assertThat(storage.exists(kept)).isFalse();
			upload.commit();
		}
		try (PackStorage.Upload upload = storage.create(dropped)) {
			upload.stream().write("dropped\r\n".getBytes(StandardCharsets.UTF_8));
			upload.persist();
		}

		try (InputStream in = storage.open(kept)) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept\r\n");
		}
		assertThat(storage.exists(dropped)).isFalse();
		try (var files = Files.list(this.root.resolve("exports/7"))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void discardsAnUncommittedUploadAndKeepsThePreviousObject() throws IOException {
		LocalDirectoryPackStorage storage = new LocalDirectoryPackStorage(this.root);
		String key = Export.manifestStorageKey(5);
		try (PackStorage.Upload upload = storage.create(key)) {
			upload.stream().write(1);
			upload.commit();
		}

		try (PackStorage.Upload upload = storage.create(key)) {
			upload.stream().write(new byte[1000]);
		}

		try (InputStream in = storage.open(key)) {
			assertThat(in.readAllBytes()).containsExactly(1);
		}
		try (var files = Files.list(this.root.resolve("exports/5"))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void refusesKeysThatCouldLeaveTheRoot() {
		LocalDirectoryPackStorage storage = new LocalDirectoryPackStorage(this.root);

		assertThatIllegalArgumentException().isThrownBy(() -> storage.create("../etc/passwd"));
		assertThatIllegalArgumentException().isThrownBy(() -> storage.open("/etc/passwd"));
		assertThatIllegalArgumentException().isThrownBy(() -> storage.exists("exports/../../x.csv"));
		assertThatThrownBy(() -> storage.open("exports/1/pack-00009.csv")).isInstanceOf(NoSuchFileException.class);
	}

}
