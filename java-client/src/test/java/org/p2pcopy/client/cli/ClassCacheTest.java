package org.p2pcopy.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCacheTest {
    @TempDir
    Path folder;

    private Path jar(String name, String content) throws Exception {
        return Files.writeString(folder.resolve(name), content);
    }

    @Test
    void aMissingArchiveIsWrittenAtExitThenUsed() throws Exception {
        ClassCache cache = ClassCache.in(folder.resolve("cache"), jar("a.jar", "a"), "send");
        assertEquals("-XX:ArchiveClassesAtExit=" + cache.pending(), cache.jvmOptions().get(0));
        Files.writeString(cache.pending(), "archive");
        cache.settle();
        assertFalse(Files.exists(cache.pending()));
        assertEquals("-XX:SharedArchiveFile=" + cache.archive(), cache.jvmOptions().get(0));
    }

    @Test
    void archivesDifferByJarAndCommand() throws Exception {
        Path cacheFolder = folder.resolve("cache");
        Path jar = jar("a.jar", "a");
        assertNotEquals(ClassCache.in(cacheFolder, jar, "send").archive(),
                ClassCache.in(cacheFolder, jar, "receive").archive());
        assertNotEquals(ClassCache.in(cacheFolder, jar, "send").archive(),
                ClassCache.in(cacheFolder, jar("b.jar", "bb"), "send").archive());
    }

    @Test
    void aNewArchiveReplacesThoseOfEarlierBuildsForTheSameCommandOnly() throws Exception {
        Path cacheFolder = folder.resolve("cache");
        ClassCache oldSend = ClassCache.in(cacheFolder, jar("old.jar", "old"), "send");
        ClassCache oldReceive = ClassCache.in(cacheFolder, jar("old.jar", "old"), "receive");
        Files.writeString(oldSend.archive(), "old send");
        Files.writeString(oldReceive.archive(), "old receive");

        ClassCache newSend = ClassCache.in(cacheFolder, jar("new.jar", "new"), "send");
        Files.writeString(newSend.pending(), "new send");
        newSend.settle();

        try (Stream<Path> files = Files.list(cacheFolder)) {
            assertEquals(Set.of(newSend.archive(), oldReceive.archive()), files.collect(Collectors.toSet()));
        }
    }

    @Test
    void noCacheWhereTheFolderCannotBeMade() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("file"), "x");
        assertNull(ClassCache.in(notAFolder.resolve("cache"), jar("a.jar", "a"), "send"));
    }
}
