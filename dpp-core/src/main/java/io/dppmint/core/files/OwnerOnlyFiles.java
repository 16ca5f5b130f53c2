package io.dppmint.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Files only the platform's own user may read: secrets, export packs, audit checkpoints.
 * Files are created {@code rw-------} and folders {@code rwx------} from the start (not
 * widened by the process's umask and narrowed later), so there is no moment at which
 * another local user could open them. On a file system without POSIX permissions the
 * platform's files are as private as that file system makes them.
 */
public final class OwnerOnlyFiles {

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyFiles() {
	}

	/**
	 * Create {@code folder} and any missing parents, each owner-only; folders that exist
	 * are left as they are.
	 * @param folder the folder
	 * @return the folder
	 * @throws IOException if a folder cannot be created
	 */
	public static Path createFolders(Path folder) throws IOException {
		Path absolute = folder.toAbsolutePath().normalize();
		if (Files.isDirectory(absolute)) {
			return absolute;
		}
		if (absolute.getParent() != null) {
			createFolders(absolute.getParent());
		}
		try {
			Files.createDirectory(absolute, folderAttributes());
			restrict(absolute, FOLDER);
		}
		catch (FileAlreadyExistsException raced) {
			// Another process created it first.
		}
		return absolute;
	}

	/**
	 * Narrow an existing folder to its owner, where this process may (it owns it).
	 * @param folder the folder
	 * @return whether it is owner-only now
	 */
	public static boolean restrictFolder(Path folder) {
		try {
			restrict(folder, FOLDER);
			return true;
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
	}

	/**
	 * Open a new owner-only file for writing; it must not exist yet.
	 * @param file the file
	 * @return its channel, open for writing
	 * @throws IOException if it exists or cannot be created
	 */
	public static FileChannel createFile(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				fileAttributes());
		restrict(file, FILE);
		return channel;
	}

	/**
	 * Replace {@code file} with {@code content} atomically: written to an owner-only
	 * temporary file beside it, forced to disk, renamed over it, the folder forced.
	 * Readers see the old content or the new, never a part.
	 * @param file the file
	 * @param content its new content
	 * @throws IOException if it cannot be written
	 */
	public static void writeAtomically(Path file, byte[] content) throws IOException {
		Path folder = createFolders(file.toAbsolutePath().getParent());
		Path temporary = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try (FileChannel channel = createFile(temporary)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		catch (IOException ex) {
			Files.deleteIfExists(temporary);
			throw ex;
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
			directory.force(true);
		}
	}

	/**
	 * The one-line value kept in {@code file}, created owner-only with a value from
	 * {@code generator} if the file does not exist yet. Of processes racing to create it,
	 * one wins and all read its value.
	 * @param file the file
	 * @param generator makes the value, once
	 * @return the value, without the line break
	 * @throws IOException if the file cannot be read or created
	 */
	public static String readOrCreate(Path file, Supplier<String> generator) throws IOException {
		if (!Files.exists(file)) {
			createFolders(file.toAbsolutePath().getParent());
			try (FileChannel channel = createFile(file)) {
				ByteBuffer content = ByteBuffer.wrap((generator.get() + "\n").getBytes(StandardCharsets.UTF_8));
				while (content.hasRemaining()) {
					channel.write(content);
				}
				channel.force(true);
			}
			catch (FileAlreadyExistsException raced) {
				// Another process created it first: use theirs.
			}
		}
		return awaitLine(file);
	}

	/** The file's line, once its writer has finished it (the line break comes last). */
	private static String awaitLine(Path file) throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			String content = Files.readString(file, StandardCharsets.UTF_8);
			if (content.endsWith("\n")) {
				return content.strip();
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IOException("Incomplete file " + file);
	}

	private static FileAttribute<?>[] fileAttributes() {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) } : new FileAttribute<?>[0];
	}

	private static FileAttribute<?>[] folderAttributes() {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FOLDER) }
				: new FileAttribute<?>[0];
	}

	// Creation modes pass through the umask, which can only narrow them; setting them
	// again makes them exact.
	private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
		if (POSIX) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

}
