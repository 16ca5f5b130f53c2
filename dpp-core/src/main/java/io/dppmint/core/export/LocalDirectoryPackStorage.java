package io.dppmint.core.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.dppmint.core.files.OwnerOnlyFiles;

/**
 * {@link PackStorage} in a local folder (or a shared file system every serving process
 * mounts). An upload is written to a temporary file beside its target, forced to disk,
 * then renamed over the target atomically, and the folder is forced too; so a crash at
 * any moment leaves either the previous object or the new one, never a partial file under
 * a key. Keys are checked against a strict pattern, so they can never leave the root.
 * Packs hold every token's identifier: files and folders are owner-only from the moment
 * they are created ({@link OwnerOnlyFiles}), so every process that serves them must run
 * as the user that writes them.
 */
public class LocalDirectoryPackStorage implements PackStorage {

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*(\\.[a-z0-9]+){0,2}");

	private final Path root;

	private volatile boolean rootRestricted;

	public LocalDirectoryPackStorage(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The folder objects are stored under. */
	public Path root() {
		return this.root;
	}

	@Override
	public Upload create(String key) throws IOException {
		Path target = resolve(key);
		if (!this.rootRestricted) {
			OwnerOnlyFiles.createFolders(this.root);
			// A root created before packs were private (or by hand) is narrowed too,
			// where this process owns it.
			this.rootRestricted = OwnerOnlyFiles.restrictFolder(this.root);
		}
		OwnerOnlyFiles.createFolders(target.getParent());
		Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		return new FileUpload(target, temporary, OwnerOnlyFiles.createFile(temporary));
	}

	/**
	 * Renames every upload into place, then forces each folder once: the rename of a pack
	 * costs a folder sync of its own otherwise.
	 */
	@Override
	public void commitAll(List<? extends Upload> uploads) throws IOException {
		Set<Path> folders = new LinkedHashSet<>();
		for (Upload upload : uploads) {
			if (!(upload instanceof FileUpload file)) {
				throw new IllegalArgumentException("Not an upload of this storage: " + upload);
			}
			file.publish();
			folders.add(file.target.getParent());
		}
		for (Path folder : folders) {
			force(folder);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		return Files.newInputStream(resolve(key));
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(resolve(key));
	}

	private Path resolve(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("Not a storage key: '" + key + "'");
		}
		Path path = this.root.resolve(key).normalize();
		if (!path.startsWith(this.root)) {
			throw new IllegalArgumentException("Storage key '" + key + "' leaves the storage root");
		}
		return path;
	}

	private static void force(Path folder) throws IOException {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static final class FileUpload implements Upload {

		private final Path target;

		private final Path temporary;

		private final FileChannel channel;

		private final OutputStream stream;

		private boolean persisted;

		private boolean committed;

		FileUpload(Path target, Path temporary, FileChannel channel) {
			this.target = target;
			this.temporary = temporary;
			this.channel = channel;
			this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024) {

				@Override
				public void close() throws IOException {
					// The upload owns the channel: closing the stream must not end it.
					flush();
				}

			};
		}

		@Override
		public OutputStream stream() {
			return this.stream;
		}

		@Override
		public void persist() throws IOException {
			if (!this.persisted) {
				this.stream.flush();
				this.channel.force(true);
				this.channel.close();
				this.persisted = true;
			}
		}

		@Override
		public void commit() throws IOException {
			publish();
			force(this.target.getParent());
		}

		/** Persist, then rename into place (durable once its folder is forced). */
		private void publish() throws IOException {
			persist();
			Files.move(this.temporary, this.target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			this.committed = true;
		}

		@Override
		public void close() throws IOException {
			if (!this.committed) {
				this.channel.close();
				Files.deleteIfExists(this.temporary);
			}
		}

	}

}
