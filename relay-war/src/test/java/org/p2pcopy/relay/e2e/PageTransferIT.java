package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The relay's page sending and receiving in headless Chromium, with the Java client (a process) or
 * another browser on the other side: every byte compared, both sides succeed or fail as they should.
 * The page saves what it receives as a download here ({@code ?save=download}, streamed through its
 * service worker; {@code ?save=memory} for browsers without one): the folder picker of the File
 * System Access API needs a real user and dialog.
 */
class PageTransferIT extends RelayAndTree {
    /** The tree's big file: 64 MiB and a short last chunk, in a nested folder. */
    private static final long BIG = 64L * 1024 * 1024 + 1234;
    private static int room;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void startRelayAndMakeTree() throws Exception {
        if (Browser.installed()) {
            start(BIG);
        }
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    private Browser browser(String name) throws Exception {
        Browser browser = Browser.start(Files.createDirectories(work.resolve(name)));
        browsers.add(browser);
        return browser;
    }

    /** A code agreed beforehand, fresh per test, so that tests never meet in a room. */
    private static String newCode() {
        return (++room) + "-page-test";
    }

    /** Clients that give the relay as the page shows it, http://host:port. */
    private Clients clientsOfThePage() {
        return new Clients(relay.httpBase(), source.getParent(), work);
    }

    private static String text(Browser browser, String testId) {
        return browser.driver().findElement(By.cssSelector("[data-testid=\"" + testId + "\"]")).getText();
    }

    private static WebElement element(Browser browser, String testId) {
        return browser.driver().findElement(By.cssSelector("[data-testid=\"" + testId + "\"]"));
    }

    /** Waits until the page shows a code for a new transfer and returns it. */
    private static String awaitCode(Browser browser) throws Exception {
        Clients.eventually(() -> !text(browser, "code").isEmpty() || !text(browser, "error").isEmpty(),
                () -> "the page showed no code; status: " + text(browser, "status"));
        assertEquals("", text(browser, "error"));
        return text(browser, "code");
    }

    private static void awaitStatus(Browser browser, String word) throws Exception {
        Clients.eventually(() -> text(browser, "status").contains(word) || !text(browser, "error").isEmpty(),
                () -> "the page's status never said \"" + word + "\": " + text(browser, "status"));
        assertEquals("", text(browser, "error"), "the page shows an error");
        assertTrue(text(browser, "status").contains(word), text(browser, "status"));
    }

    private static void awaitAcceptAndClick(Browser browser) throws Exception {
        Clients.eventually(() -> element(browser, "receive-accept").isDisplayed() || !text(browser, "error").isEmpty(),
                () -> "the page offered nothing to accept; status: " + text(browser, "status"));
        assertEquals("", text(browser, "error"), "the page shows an error");
        element(browser, "receive-accept").click();
    }

    @Test
    void thePageSendsSeveralFilesToTheJavaClient() throws Exception {
        Browser page = browser("page");
        page.resizeTo(Browser.PHONE_WIDTH, 800);
        page.open(relay.httpBase() + "/");
        List<String> names = List.of("Grüße aus Köln.txt", "日本語.md", "empty.txt");
        List<Path> files = new ArrayList<>(names.stream().map(source::resolve).toList());
        files.add(source.resolve("deep/big data.bin"));
        element(page, "send-input").sendKeys(files.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining("\n")));

        String code = awaitCode(page);
        assertEquals("java -jar p2p-copy-client.jar receive " + relay.httpBase() + " " + code, text(page, "command"));
        assertFitsAPhone(page);
        assertEquals(relay.httpBase() + "/#" + code, element(page, "link").getAttribute("href"));
        // The same link as a QR code, drawn in the page, shown whole at phone width.
        WebElement qr = element(page, "qr").findElement(By.tagName("svg"));
        assertTrue(qr.isDisplayed() && qr.getSize().getWidth() > 100, "no QR code of the link: " + qr.getSize());
        assertTrue(qr.getRect().getX() + qr.getSize().getWidth() <= Browser.PHONE_WIDTH, "the QR code is cut off");
        Path out = work.resolve("out");
        ClientProcess receiver = clientsOfThePage().receive("receiver", code, out);
        Clients.assertExit(0, receiver);
        awaitStatus(page, "verified");

        for (Path file : files) {
            Path received = out.resolve(file.getFileName().toString());
            assertEquals(-1L, Files.mismatch(file, received), file.getFileName() + " differs");
        }
        try (Stream<Path> listing = Files.list(out)) {
            assertEquals(files.size(), listing.count());
        }
        assertTrue(text(page, "progress").contains("100%"), text(page, "progress"));
        page.assertNoConsoleErrors();
    }

    /** With the code, link and command shown, the page still does not scroll sideways on a phone. */
    private static void assertFitsAPhone(Browser page) {
        long scrollWidth = ((Number) page.script("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) page.script("return document.documentElement.clientWidth")).longValue();
        assertTrue(scrollWidth <= clientWidth, "at " + clientWidth + " px the page is " + scrollWidth + " px wide");
    }

    @Test
    void aFileDroppedOnThePageIsSentToTheJavaClient() throws Exception {
        Browser page = browser("page");
        page.open(relay.httpBase() + "/");
        // What a drop delivers, made by a script: Selenium cannot drag from the desktop.
        page.script("const data = new DataTransfer();"
                + "data.items.add(new File(['dropped on the page\\n'], 'dropped.txt'));"
                + "arguments[0].dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));",
                element(page, "send-drop"));

        String code = awaitCode(page);
        Path out = work.resolve("out");
        ClientProcess receiver = clientsOfThePage().receive("receiver", code, out);
        Clients.assertExit(0, receiver);
        awaitStatus(page, "verified");
        assertEquals("dropped on the page\n", Files.readString(out.resolve("dropped.txt")));
        page.assertNoConsoleErrors();
    }

    @Test
    void thePageSendsAFolderToTheJavaClient() throws Exception {
        Browser page = browser("page");
        page.open(relay.httpBase() + "/");
        element(page, "send-folder-input").sendKeys(source.toAbsolutePath().toString());

        String code = awaitCode(page);
        Path out = work.resolve("out");
        ClientProcess receiver = clientsOfThePage().receive("receiver", code, out);
        Clients.assertExit(0, receiver);
        awaitStatus(page, "verified");

        // Everything but the empty folder, which a folder input does not give the page.
        Path received = out.resolve(source.getFileName().toString());
        List<String> expected = Trees.relativePaths(source).stream().filter(p -> !p.equals("empty folder/")).toList();
        assertEquals(expected, Trees.relativePaths(received));
        for (String path : expected) {
            if (Files.isRegularFile(source.resolve(path))) {
                assertEquals(-1L, Files.mismatch(source.resolve(path), received.resolve(path)), path + " differs");
            }
        }
        page.assertNoConsoleErrors();
    }

    @Test
    void filesFromTheJavaClientLandInThePageAsOneStreamedZip() throws Exception {
        String code = newCode();
        List<String> names = List.of("Grüße aus Köln.txt", "big data.bin", "empty.txt");
        ClientProcess sender = clients().send("sender", code, "project files/Grüße aus Köln.txt",
                "project files/deep/big data.bin", "project files/empty.txt");
        Browser page = browser("page");
        page.open(relay.httpBase() + "/?save=download#" + code);
        Clients.eventually(() -> element(page, "receive-accept").isDisplayed() || !text(page, "error").isEmpty(),
                () -> "the page offered nothing to accept; status: " + text(page, "status"));
        // What is offered is shown, and nothing is saved before the user accepts.
        assertTrue(text(page, "offer-summary").contains("3 files"), text(page, "offer-summary"));
        for (String name : names) {
            assertTrue(text(page, "offer-list").contains(name), text(page, "offer-list"));
        }
        Thread.sleep(500);
        assertEquals(List.of(), downloads(page), "the page saved something before accept");
        awaitAcceptAndClick(page);
        Clients.assertExit(0, sender);
        awaitStatus(page, "verified");

        Path unzipped = Zips.extract(page.awaitDownload("p2p-copy.zip"), work.resolve("unzipped"));
        assertEquals(Stream.concat(Stream.of("/"), names.stream()).sorted().toList(), Trees.relativePaths(unzipped));
        assertEquals(-1L, Files.mismatch(source.resolve(names.get(0)), unzipped.resolve(names.get(0))));
        assertEquals(-1L, Files.mismatch(source.resolve("deep/big data.bin"), unzipped.resolve(names.get(1))));
        assertEquals(-1L, Files.mismatch(source.resolve(names.get(2)), unzipped.resolve(names.get(2))));
        assertEquals(List.of("p2p-copy.zip"), downloads(page));
        page.assertNoConsoleErrors();
    }

    @Test
    void aFolderFromTheJavaClientLandsInThePageAsAZipOfTheWholeTree() throws Exception {
        String code = newCode();
        ClientProcess sender = clients().send("sender", code, "project files");
        Browser page = receiveInThePage("download", code, sender);

        Path unzipped = Zips.extract(page.awaitDownload("project files.zip"), work.resolve("unzipped"));
        // The whole tree, its empty folder and empty file included, every byte compared.
        Trees.assertSameTree(source, unzipped.resolve("project files"));
        assertEquals(List.of("project files.zip"), downloads(page));
        page.assertNoConsoleErrors();
    }

    @Test
    void oneFileFromTheJavaClientLandsInThePageAsItself() throws Exception {
        Path big = Files.createDirectories(work.resolve("big")).resolve("streamed 24 MiB.bin");
        Trees.writeRandom(big, 24L * 1024 * 1024 + 5, 24);
        String code = newCode();
        ClientProcess sender = new Clients(relay.wsBase(), big.getParent(), work).send("sender", code, big.getFileName().toString());
        Browser page = receiveInThePage("download", code, sender);
        assertEquals(-1L, Files.mismatch(big, page.awaitDownload(big.getFileName().toString())));
        page.assertNoConsoleErrors();
    }

    @Test
    void aSenderThatLeavesMidwayLeavesNoCompleteDownloadInThePage() throws Exception {
        Path big = Files.createDirectories(work.resolve("big")).resolve("cut short.bin");
        Trees.writeRandom(big, 256L * 1024 * 1024, 256);
        String code = newCode();
        ClientProcess sender = new Clients(relay.wsBase(), big.getParent(), work).send("sender", code, big.getFileName().toString());
        Browser page = browser("page");
        page.open(relay.httpBase() + "/?save=download#" + code);
        awaitAcceptAndClick(page);
        Clients.eventually(() -> text(page, "progress").matches("(?s).*\\(([1-9]|[1-9][0-9])%\\).*"),
                () -> "no progress: " + text(page, "progress"));
        sender.kill();

        Clients.eventually(() -> !text(page, "error").isEmpty(), () -> "the page shows no error: " + text(page, "status"));
        assertTrue(!text(page, "status").contains("verified"), text(page, "status"));
        // The page failed its download (and then removes the frame that started it)...
        Clients.eventually(() -> ((Number) page.script("return document.querySelectorAll('iframe').length")).intValue() == 0,
                () -> "the page did not end its download");
        // ...which the browser may keep as a partial file (*.crdownload) for a retry, but never under the file's name.
        assertTrue(!Files.exists(page.downloads().resolve(big.getFileName().toString())),
                "an unverified download looks complete: " + downloads(page));
    }

    /**
     * Opens the page at {@code /?save=SAVE#CODE}, accepts the offer and waits until the sender has
     * exited with 0 and the page says "verified".
     */
    private Browser receiveInThePage(String save, String code, ClientProcess sender) throws Exception {
        Browser page = browser("page");
        page.open(relay.httpBase() + "/?save=" + save + "#" + code);
        awaitAcceptAndClick(page);
        Clients.assertExit(0, sender);
        awaitStatus(page, "verified");
        return page;
    }

    /** The names of what the browser saved, partial downloads included, sorted. */
    private static List<String> downloads(Browser page) throws Exception {
        try (Stream<Path> listing = Files.list(page.downloads())) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withoutStreamingThePageSavesOneDownloadPerFileNamedByItsPath() throws Exception {
        String code = newCode();
        ClientProcess sender = clients().send("sender", code, "project files");
        Browser page = receiveInThePage("memory", code, sender);

        List<String> files = Trees.relativePaths(source).stream().filter(p -> !p.endsWith("/")).toList();
        for (String path : files) {
            Path saved = page.awaitDownload(("project files/" + path).replace('/', '_'));
            assertEquals(-1L, Files.mismatch(source.resolve(path), saved), path + " differs");
        }
        assertEquals(files.size(), downloads(page).size(), "other downloads than the files: " + downloads(page));
        page.assertNoConsoleErrors();
    }

    @Test
    void aWrongCodeInThePageFailsBothSidesAndSavesNothing() throws Exception {
        String code = newCode();
        ClientProcess sender = clients().send("sender", code, "project files/日本語.md");
        Browser page = browser("page");
        page.open(relay.httpBase() + "/?save=download");
        element(page, "receive-code").sendKeys(code + "-typo");
        element(page, "receive-start").click();

        Clients.assertExit(7, sender);
        Clients.eventually(() -> !text(page, "error").isEmpty(), () -> "the page shows no error: " + text(page, "status"));
        assertTrue(text(page, "error").startsWith("wrong code or tampering"), text(page, "error"));
        assertTrue(sender.output().contains("wrong code or tampering"), sender.output());
        assertTrue(!element(page, "receive-accept").isDisplayed(), "the page offers files despite a wrong code");
        assertEquals(List.of(), downloads(page), "the page saved something despite a wrong code");
        page.assertNoConsoleErrors();
    }

    @Test
    void declinedByKeyboardInThePageTheJavaSenderHearsItAndNothingIsSaved() throws Exception {
        String code = newCode();
        ClientProcess sender = clients().send("sender", code, "project files/日本語.md");
        Browser page = browser("page");
        page.open(relay.httpBase() + "/?save=download");
        // Keyboard only: type the code, Enter; the page puts the focus on Accept, Tab goes to Decline.
        element(page, "receive-code").sendKeys(code + Keys.ENTER);
        Clients.eventually(() -> element(page, "receive-accept").isDisplayed() || !text(page, "error").isEmpty(),
                () -> "the page offered nothing to accept; status: " + text(page, "status"));
        assertEquals("receive-accept", page.driver().switchTo().activeElement().getAttribute("data-testid"));
        new Actions(page.driver()).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();

        Clients.assertExit(4, sender);
        assertTrue(sender.output().contains("declined"), sender.output());
        Clients.eventually(() -> !text(page, "error").isEmpty(), () -> "the page shows no error: " + text(page, "status"));
        assertTrue(text(page, "error").contains("declined"), text(page, "error"));
        assertEquals(List.of(), downloads(page), "the page saved something it declined");
        page.assertNoConsoleErrors();
    }

    @Test
    void onePageSendsToAnotherThroughTheLink() throws Exception {
        Browser sending = browser("sending");
        sending.open(relay.httpBase() + "/");
        Path one = source.resolve("Grüße aus Köln.txt");
        Path two = source.resolve("deep/big data.bin");
        element(sending, "send-input").sendKeys(one.toAbsolutePath() + "\n" + two.toAbsolutePath());
        String code = awaitCode(sending);
        String link = element(sending, "link").getAttribute("href");

        Browser receiving = browser("receiving");
        receiving.open(link.replace("/#", "/?save=download#"));
        awaitAcceptAndClick(receiving);
        awaitStatus(receiving, "verified");
        awaitStatus(sending, "verified");

        Path unzipped = Zips.extract(receiving.awaitDownload("p2p-copy.zip"), work.resolve("unzipped"));
        assertEquals(-1L, Files.mismatch(one, unzipped.resolve(one.getFileName().toString())));
        assertEquals(-1L, Files.mismatch(two, unzipped.resolve(two.getFileName().toString())));
        assertTrue(code.matches("\\d+-[a-z]+-[a-z]+"), code);
        sending.assertNoConsoleErrors();
        receiving.assertNoConsoleErrors();
    }

    /** What the Java client prints after a compressed transfer: how much of the data crossed. */
    private static final Pattern COMPRESSED = Pattern.compile("compressed: .* on the wire, (\\d+)% of the data");

    /**
     * A tree that compresses as source code and logs do, with one file of noise that does not
     * (auto sends it raw) and an empty file; no empty folder, which a folder input leaves out.
     */
    private static Path textTree(Path parent) throws IOException {
        Path root = Files.createDirectories(parent.resolve("text files"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("src/main"));
        Random random = new Random(7);
        String[] words = {"relay", "chunk", "verified", "sender", "receiver", "folder", "bytes", "GET", "200", "ok"};
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < 6 * 1024 * 1024 + 123; i++) {
            log.append(String.format("2026-11-25T10:%02d:%02d.%03d INFO [worker-%d] ", i / 3600 % 60, i / 60 % 60, i % 1000,
                    random.nextInt(8)));
            for (int w = 0; w < 8; w++) {
                log.append(words[random.nextInt(words.length)]).append(' ');
            }
            log.append(random.nextInt(100000)).append('\n');
        }
        Files.writeString(root.resolve("logs/server.log"), log);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            code.append("    static int method").append(i).append("(int x) {\n        return x * ").append(i % 97)
                    .append(" + ").append(random.nextInt(1000)).append("; // größer als null\n    }\n");
        }
        Files.writeString(root.resolve("src/main/Main.java"), "class Main {\n" + code + "}\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("README.md"), "# Text files\n\nThey shrink.\n");
        Files.createFile(root.resolve("empty.txt"));
        Trees.writeRandom(root.resolve("noise.bin"), 2L * 1024 * 1024 + 17, 3);
        return root;
    }

    /** The share of the data that crossed, from the Java client's summary; fails if it printed none. */
    private static int compressedPercent(ClientProcess client) throws IOException {
        Matcher matcher = COMPRESSED.matcher(client.output());
        assertTrue(matcher.find(), client + " printed no compressed: line:\n" + client.output());
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * The page sends {@code folder} with Compression set to {@code mode} (null: left as it is); returns
     * the Java receiver, exited with 0, after comparing the tree it received.
     */
    private ClientProcess sendFolderFromThePage(Browser page, Path folder, String mode, Path out) throws Exception {
        if (mode != null) {
            new Select(element(page, "compress")).selectByValue(mode);
        }
        element(page, "send-folder-input").sendKeys(folder.toAbsolutePath().toString());
        ClientProcess receiver = new Clients(relay.httpBase(), folder.getParent(), work).receive("receiver", awaitCode(page), out);
        Clients.assertExit(0, receiver);
        awaitStatus(page, "verified");
        Trees.assertSameTree(folder, out.resolve(folder.getFileName().toString()));
        return receiver;
    }

    @Test
    void aTextTreeFromTheJavaClientArrivesCompressedInThePage() throws Exception {
        Path tree = textTree(work.resolve("from java"));
        String code = newCode();
        ClientProcess sender = new Clients(relay.wsBase(), tree.getParent(), work).send("sender", code, "text files");
        Browser page = receiveInThePage("download", code, sender);

        Path unzipped = Zips.extract(page.awaitDownload("text files.zip"), work.resolve("unzipped"));
        Trees.assertSameTree(tree, unzipped.resolve("text files"));
        // The page offered zstd and decoded what came compressed: the sender counted it.
        int percent = compressedPercent(sender);
        assertTrue(percent < 60, sender.output());
        page.assertNoConsoleErrors();
    }

    @Test
    void thePageSendsATextTreeCompressedToTheJavaClient() throws Exception {
        Path tree = textTree(work.resolve("to java"));
        Browser page = browser("page");
        page.open(relay.httpBase() + "/");
        assertEquals("auto", new Select(element(page, "compress")).getFirstSelectedOption().getAttribute("value"));
        ClientProcess receiver = sendFolderFromThePage(page, tree, "auto", work.resolve("out"));

        int percent = compressedPercent(receiver);
        assertTrue(percent < 60, receiver.output());
        assertTrue(text(page, "status").contains("compressed"), text(page, "status"));
        page.assertNoConsoleErrors();
    }

    @Test
    void withCompressionOffThePageSendsEveryChunkRaw() throws Exception {
        Path tree = textTree(work.resolve("to java"));
        Browser page = browser("page");
        page.open(relay.httpBase() + "/");
        ClientProcess receiver = sendFolderFromThePage(page, tree, "off", work.resolve("out"));

        assertTrue(!COMPRESSED.matcher(receiver.output()).find(), receiver.output());
        assertTrue(!text(page, "status").contains("compressed"), text(page, "status"));
        page.assertNoConsoleErrors();
    }

    @Test
    void aPageThatCannotLoadZstdSendsAsBeforeWithoutCompression() throws Exception {
        Path tree = textTree(work.resolve("to java"));
        Browser page = browser("page");
        ChromeDriver chrome = (ChromeDriver) page.driver();
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*zstd.wasm")));
        page.open(relay.httpBase() + "/");
        Clients.eventually(() -> !element(page, "compress").isEnabled(), () -> "the Compression choice stays enabled");
        ClientProcess receiver = sendFolderFromThePage(page, tree, null, work.resolve("out"));

        assertTrue(!COMPRESSED.matcher(receiver.output()).find(), receiver.output());
        // The blocked load is the only error the browser shows.
        assertEquals(List.of(), page.consoleErrors().stream().filter(e -> !e.getMessage().contains("zstd.wasm")).toList());
    }

    @Test
    void aTransferFromThePageThatBrokeOffIsResumedByTheJavaClient() throws Exception {
        Path big = source.resolve("deep/big data.bin");
        Path out = work.resolve("out");
        Path part = out.resolve(".big data.bin.p2p-copy-part");
        Browser page = browser("page");
        page.open(relay.httpBase() + "/");
        element(page, "send-input").sendKeys(big.toAbsolutePath().toString());
        String first = awaitCode(page);
        ClientProcess cut = clientsOfThePage().receive("cut", first, out);
        Clients.eventually(() -> Files.exists(part) && Files.size(part) >= 4L * 1024 * 1024,
                () -> "nothing of the file arrived in " + out);
        cut.kill();
        Clients.eventually(() -> !text(page, "error").isEmpty(), () -> "the page shows no error: " + text(page, "status"));
        long held = Files.size(part);
        assertTrue(held < BIG, "the receiver was killed after the whole file arrived");

        // The same file again, as a user would pick it after the failure: a new code, and --resume.
        element(page, "send-input").sendKeys(big.toAbsolutePath().toString());
        Clients.eventually(() -> !text(page, "code").isEmpty() && !text(page, "code").equals(first),
                () -> "the page showed no new code; status: " + text(page, "status") + ", error: " + text(page, "error"));
        ClientProcess resumed = clientsOfThePage().receive("resumed", text(page, "code"), out, "--resume");
        Clients.assertExit(0, resumed);
        awaitStatus(page, "verified");

        assertEquals(-1L, Files.mismatch(big, out.resolve("big data.bin")));
        assertEquals(List.of("/", "big data.bin"), Trees.relativePaths(out), "a partial file was left");
        // Only the rest moved: the receiver verified what it held and the page continued after it.
        assertTrue(resumed.output().lines().anyMatch(l -> l.startsWith("resumed:") && l.contains("1 continued")),
                resumed.output());
        assertTrue(text(page, "progress").contains("100%"), text(page, "progress"));
    }
}
