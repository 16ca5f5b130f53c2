package io.dppmint.core.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

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
	 * Commit several uploads, as {@link Upload#commit()} each, in order. A storage may do
	 * it more cheaply together (one folder sync for all of them); when this returns, all
	 * are durable and visible, and if it fails, each one is either visible whole or not
	 * at all.
	 * @param uploads the uploads
	 * @throws IOException if one cannot be stored
	 */
	default void commitAll(List<? extends Upload> uploads) throws IOException {
		for (Upload upload : uploads) {
			upload.commit();
		}
	}

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
		 * Make the bytes written so far durable, without making the object visible: the
		 * slow part of storing, which a writer may do ahead of time (in the background)
		 * so that {@link #commit()} only has to publish. Nothing may be written after it.
		 * @throws IOException if they cannot be stored
		 */
		void persist() throws IOException;

		/**
		 * Make the object durable (persisting it first, unless already done) and visible
		 * at its key, atomically, replacing any previous object there.
		 * @throws IOException if it cannot be stored
		 */
		void commit() throws IOException;

		/** Discard the object unless it was committed. */
		@Override
		void close() throws IOException;

	}

}
