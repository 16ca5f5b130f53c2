package io.dppmint.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the apps' executable jars are: in a built source tree,
 * {@code <root>/<module>/target/<module>.jar}, or wherever a caller says (the system
 * tests take them from the reactor).
 */
@FunctionalInterface
public interface AppJars {

	/**
	 * The executable jar of {@code app}.
	 * @param app the app
	 * @return its jar (not checked to exist)
	 */
	Path jar(App app);

	/**
	 * The jars of a built source tree.
	 * @param root the repository root
	 * @return {@code <root>/<module>/target/<module>.jar} for each app
	 */
	static AppJars inSourceTree(Path root) {
		Path absolute = root.toAbsolutePath().normalize();
		return (app) -> absolute.resolve(app.module()).resolve("target").resolve(app.module() + ".jar");
	}

	/**
	 * The jars of the source tree this JVM was started from: the system property
	 * {@code dpp.root} when set (as {@code ./dpp} sets it), else the tree of the jar that
	 * {@code java -jar} ran ({@code <root>/<module>/target/<module>.jar}).
	 * @return the tree's app jars
	 * @throws IllegalStateException when neither tells
	 */
	static AppJars ofThisSourceTree() {
		String root = System.getProperty("dpp.root");
		if (root != null && !root.isBlank()) {
			return inSourceTree(Path.of(root));
		}
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			Path target = Path.of(classPath).toAbsolutePath().getParent();
			if (target != null && target.getFileName().toString().equals("target") && target.getParent() != null
					&& target.getParent().getParent() != null) {
				return inSourceTree(target.getParent().getParent());
			}
		}
		throw new IllegalStateException(
				"Cannot tell where the app jars are: run from a built source tree, or set -Ddpp.root=<repository>");
	}

	/**
	 * Jars named one by one.
	 * @param jars a jar for every app used
	 * @return those jars
	 */
	static AppJars of(Map<App, Path> jars) {
		Map<App, Path> copy = new EnumMap<>(jars);
		return (app) -> {
			Path jar = copy.get(app);
			if (jar == null) {
				throw new IllegalArgumentException("No jar given for " + app.module());
			}
			return jar;
		};
	}

	/**
	 * The jar of {@code app}, which must exist.
	 * @param app the app
	 * @return its jar
	 * @throws IllegalStateException naming the build command when it is missing
	 */
	default Path existing(App app) {
		Path jar = jar(app);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					"No " + app.module() + " jar at " + jar + ": build it first (./dpp build or ./mvnw package)");
		}
		return jar;
	}

}
