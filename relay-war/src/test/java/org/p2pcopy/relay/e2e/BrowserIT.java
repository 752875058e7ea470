package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;

/**
 * The harness of the browser tests, on a local page of its own (no relay): that {@link Browser}
 * really sees console errors, so that "no console errors" means something; that files and a whole
 * folder can be handed to file inputs; that a file the page saves lands in the download folder; and
 * that two browsers share nothing.
 */
class BrowserIT {
    @TempDir
    Path work;

    private String page(String body) throws Exception {
        Path html = Files.writeString(work.resolve("page.html"),
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>harness</title></head><body>"
                        + body + "</body></html>");
        return html.toUri().toString();
    }

    @Test
    void consoleErrorsAndUncaughtExceptionsAreCollected() throws Exception {
        try (Browser browser = Browser.start(work)) {
            browser.open(page("<script>console.log('just saying'); console.error('boom');</script>"
                    + "<script>throw new Error('uncaught here');</script>"
                    + "<script src=\"missing.js\"></script>"));
            List<LogEntry> errors = browser.consoleErrors();
            assertEquals(3, errors.size(), Browser.describe(browser.console()));
            // In any order: the failed load of missing.js may be reported before the scripts' own errors.
            for (String expected : List.of("boom", "Uncaught Error: uncaught here", "missing.js")) {
                assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains(expected)),
                        expected + " not among " + Browser.describe(errors));
            }
            assertTrue(browser.console().stream().anyMatch(
                    e -> e.getLevel().equals(Level.INFO) && e.getMessage().contains("just saying")),
                    Browser.describe(browser.console()));
            assertThrows(AssertionError.class, browser::assertNoConsoleErrors);
        }
    }

    @Test
    void filesAndAWholeFolderCanBeGivenToFileInputs() throws Exception {
        Path tree = Trees.makeTree(work, 70_000);
        Path one = tree.resolve("Grüße aus Köln.txt");
        Path two = tree.resolve("deep/big data.bin");
        try (Browser browser = Browser.start(work)) {
            browser.open(page("<input id=\"files\" type=\"file\" multiple><input id=\"folder\" type=\"file\" webkitdirectory>"));
            String listing = "return [...arguments[0].files].map(f => f.webkitRelativePath + '|' + f.name + '|' + f.size)"
                    + ".sort()";

            browser.driver().findElement(By.id("files")).sendKeys(one.toAbsolutePath() + "\n" + two.toAbsolutePath());
            assertEquals(List.of("|Grüße aus Köln.txt|" + Files.size(one), "|big data.bin|70000"),
                    browser.script(listing, browser.driver().findElement(By.id("files"))));

            // A folder: every file under it, with its path from the folder's own name; empty folders do not show.
            browser.driver().findElement(By.id("folder")).sendKeys(tree.toAbsolutePath().toString());
            assertEquals(filesUnder(tree),
                    browser.script(listing, browser.driver().findElement(By.id("folder"))));
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aFileThePageSavesLandsInTheDownloadFolder() throws Exception {
        try (Browser browser = Browser.start(work)) {
            browser.open(page(""));
            browser.script("const a = document.createElement('a');"
                    + "a.href = URL.createObjectURL(new Blob(['saved by the page\\n']));"
                    + "a.download = 'saved.txt'; document.body.append(a); a.click();");
            Path saved = browser.awaitDownload("saved.txt");
            assertEquals("saved by the page\n", Files.readString(saved));
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void twoBrowsersShareNothing() throws Exception {
        try (Browser alice = Browser.start(Files.createDirectories(work.resolve("alice")));
                Browser bob = Browser.start(Files.createDirectories(work.resolve("bob")))) {
            String url = page("");
            alice.open(url);
            bob.open(url);
            alice.script("localStorage.setItem('who', 'alice')");
            assertNull(bob.script("return localStorage.getItem('who')"));
            assertEquals("alice", alice.script("return localStorage.getItem('who')"));
            assertNotEquals(alice.downloads(), bob.downloads());
        }
    }

    /** Each file under the folder as the page sees it: {@code relative path|name|size}, the path from the folder's name. */
    private static List<String> filesUnder(Path folder) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = folder.getFileName() + "/" + folder.relativize(file);
                files.add(path + "|" + file.getFileName() + "|" + Files.size(file));
            }
        }
        files.sort(null);
        return files;
    }
}
