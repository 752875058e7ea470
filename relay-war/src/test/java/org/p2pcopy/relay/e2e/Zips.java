package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reading the zip archives the page saves, with the JDK's own reader (Zip64 and UTF-8 names included). */
final class Zips {
    private Zips() {
    }

    /**
     * Extracts every entry of {@code zip} into the new folder {@code into} and returns it.
     *
     * @throws IOException also for an entry that would land outside {@code into}
     */
    static Path extract(Path zip, Path into) throws IOException {
        Path root = Files.createDirectories(into).toAbsolutePath().normalize();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = archive.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("the archive's entry " + entry.getName() + " lands outside " + root);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return root;
    }
}
