package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium with a fresh profile, driven through the machine's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs). Nothing is
 * downloaded: the browser and the driver are given by path, so Selenium Manager never runs, and
 * {@code SE_OFFLINE} is set in case it ever does. Each instance is its own browser process with its
 * own profile, so two of them are two independent users. What the page writes to the console is
 * collected for {@link #assertNoConsoleErrors}; files it saves land in {@link #downloads}.
 *
 * <p>Setting files on an {@code <input type=file>}: {@code element.sendKeys(absolutePath)}, several
 * files joined by {@code "\n"} (the input needs {@code multiple}); on an input with
 * {@code webkitdirectory}, {@code sendKeys(folder)} gives the folder's files with their
 * {@code webkitRelativePath} (checked in {@link BrowserIT}).
 */
final class Browser implements AutoCloseable {
    /** The browser and the driver; other paths with {@code -Dp2pcopy.chromium=... -Dp2pcopy.chromedriver=...}. */
    static final Path CHROMIUM = Path.of(System.getProperty("p2pcopy.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("p2pcopy.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Headless in the browser's own ("new") headless mode; no sandbox, since the tests may run as root
     * (CI does); no GPU; no background traffic (updates, safe browsing, metrics); shared memory in /tmp
     * rather than a possibly small /dev/shm.
     */
    static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-dev-shm-usage");

    /** A phone's viewport width in CSS pixels (an iPhone SE or mini, and many small Android phones). */
    static final int PHONE_WIDTH = 375;

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Held here: java.util.logging keeps loggers only weakly, and with them their level. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        // Selenium passes system properties named SE_* to Selenium Manager as its environment; with
        // both paths given it is not run at all, but if it were, it must not go looking online.
        if (System.getProperty("SE_OFFLINE") == null) {
            System.setProperty("SE_OFFLINE", "true");
        }
        // Selenium looks for its CDP support matching the browser's version at start-up and warns when
        // it has none. These tests speak WebDriver only and bring no selenium-devtools-v* jar.
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path downloads;
    private final List<LogEntry> console = new ArrayList<>();

    private Browser(ChromeDriverService service, ChromeDriver driver, Path downloads) {
        this.service = service;
        this.driver = driver;
        this.downloads = downloads;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Skips the calling test on a machine without the two. (Called from {@code @BeforeAll}, it would
     * skip the class, but Failsafe then reports no test at all rather than skipped ones.)
     */
    static void assumeInstalled() {
        assumeTrue(installed(),
                "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    /**
     * Starts chromedriver on a free port of the loopback interface and a browser through it.
     *
     * @param workDir where the browser saves files ({@code downloads/}) and chromedriver writes its log
     */
    static Browser start(Path workDir) throws IOException {
        return start(workDir, List.of());
    }

    /** The same with more command-line arguments for Chromium, after {@link #ARGUMENTS}. */
    static Browser start(Path workDir, List<String> moreArguments) throws IOException {
        assumeInstalled();
        Path downloads = Files.createDirectories(workDir.resolve("downloads"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingPort(RelayProcess.freePort())
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .build();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments(moreArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false,
                // A page that saves several files as downloads: allowed without asking, as a user would.
                "profile.default_content_setting_values.automatic_downloads", 1));

        service.start();
        try {
            return new Browser(service, new ChromeDriver(service, options), downloads);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads the page and returns once its load event has fired (and so its module scripts have run). */
    void open(String url) {
        driver.get(url);
    }

    /** Runs JavaScript in the page: {@code return ...} for a value; {@code arguments[i]} are the args. */
    Object script(String javaScript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, args);
    }

    /** Waits up to 10 s for the page to reach a state. */
    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Sets the window so that the page's viewport is {@code width} CSS pixels wide. */
    void resizeTo(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Path downloads() {
        return downloads;
    }

    /** Waits for a saved file to be complete in {@link #downloads} and returns its path. */
    Path awaitDownload(String name) throws Exception {
        Path file = downloads.resolve(name);
        Path partial = downloads.resolve(name + ".crdownload");
        Clients.eventually(() -> Files.exists(file) && !Files.exists(partial),
                () -> name + " was not saved; " + downloads + " holds " + listing(downloads));
        return file;
    }

    /** Everything written to the console since the browser started: console.*, uncaught errors, failed loads. */
    List<LogEntry> console() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(console);
    }

    /** Console entries at error level: console.error, uncaught exceptions, failed requests. */
    List<LogEntry> consoleErrors() {
        return console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    void assertNoConsoleErrors() {
        List<LogEntry> errors = consoleErrors();
        assertEquals(List.of(), errors.stream().map(LogEntry::toString).toList(),
                "the browser's console shows errors; all of it:\n" + describe(console()));
    }

    /** Saves what the browser shows now as a PNG, for looking at a failure. */
    Path screenshot(Path png) throws IOException {
        return Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
    }

    static String describe(List<LogEntry> entries) {
        return entries.isEmpty() ? "(nothing)" : entries.stream().map(LogEntry::toString).collect(Collectors.joining("\n"));
    }

    private static String listing(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
