package org.p2pcopy.client.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A class-data-sharing archive of the client's classes, one per jar, Java version and command, kept
 * in the user's cache folder. Loading about two thousand classes (the JDK's HTTP client, JSON-B) is
 * most of a short transfer's time; from the archive it takes a fraction. The first run of a command
 * writes the archive as it exits; a failure at any step only means no archive.
 */
final class ClassCache {
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path archive;
    private final Path pending;

    Path archive() {
        return archive;
    }

    Path pending() {
        return pending;
    }

    private ClassCache(Path archive) {
        this.archive = archive;
        this.pending = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /** The cache for this jar and command, or null where there is no cache folder to write. */
    static ClassCache forJar(Path jar, String command) {
        return in(cacheFolder(), jar, command);
    }

    static ClassCache in(Path folder, Path jar, String command) {
        try {
            Files.createDirectories(folder);
            // The JVM itself checks that an archive matches the class path and runtime, so a plain
            // hash suffices to keep archives of different jars and Java versions apart.
            String key = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                    + "|" + System.getProperty("java.vm.version") + "|" + command;
            String name = "classes-" + Integer.toHexString(key.hashCode()) + "-" + command + ".jsa";
            return new ClassCache(folder.resolve(name));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The JVM options that use the archive, or that write it when the child exits. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(QUIET);
        options.add(0, Files.isReadable(archive) ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + pending);
        return options;
    }

    /**
     * Moves a freshly written archive into place in one step, so that no run reads half of one, and
     * removes the archives that earlier builds of the jar left for the same command.
     */
    void settle() {
        try {
            if (Files.exists(pending)) {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOthers();
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException ignored) {
                // A stray temporary archive in the cache folder is harmless.
            }
        }
    }

    private void removeOthers() throws IOException {
        String suffix = archive.getFileName().toString().replaceFirst("^classes-[0-9a-f]+", "");
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(archive.getParent(), "classes-*" + suffix)) {
            for (Path other : archives) {
                if (!other.equals(archive)) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    private static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("p2p-copy");
    }
}
