package io.dppmint.core.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where export packs and manifests live, by key ({@code exports/42/pack-00001.csv}). Keys
 * are the only names the rest of the platform knows: download URLs name an export and a
 * pack number, never a key or a file path, so storage can move (a shared folder, object
 * storage in a cluster) without changing a URL.
 * <p>
 * Guarantees: an object appears whole or not at all ({@link Upload#commit()} is atomic),
 * and a key that was committed twice holds the second object whole.
 */
public interface PackStorage {

	/**
	 * Start writing the object at {@code key}; nothing is visible until
	 * {@link Upload#commit()}.
	 * @param key the object's key
	 * @return the upload, to write and commit (closing without committing discards it)
	 * @throws IOException if it cannot be started
	 */
	Upload create(String key) throws IOException;

	/**
	 * Read the object at {@code key}.
	 * @throws java.nio.file.NoSuchFileException if there is none
	 * @throws IOException if it cannot be read
	 */
	InputStream open(String key) throws IOException;

	/** Whether an object is stored at {@code key}. */
	boolean exists(String key);

	/** An object being written. */
	interface Upload extends Closeable {

		/** Where to write the object's bytes. */
		OutputStream stream();

		/**
		 * Make the object durable and visible at its key, atomically, replacing any
		 * previous object there.
		 * @throws IOException if it cannot be stored
		 */
		void commit() throws IOException;

		/** Discard the object unless it was committed. */
		@Override
		void close() throws IOException;

	}

}
