package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Not a test (its name matches neither Surefire's nor Failsafe's patterns, so {@code mvn verify}
 * never runs it): the throughput and footprint of the relay's page in headless Chromium against the
 * Java client on loopback, and the screenshots of the page in docs/. Run by
 * {@code relay-war/bench/page.sh}, which gives it the test classpath and the system properties the
 * end-to-end tests get from Failsafe ({@code payara.microJar}, {@code p2pcopy.relayWar},
 * {@code p2pcopy.clientJar}, {@code p2pcopy.loopbackCommands}).
 *
 * <pre>
 * PageBench bench WORK_DIR PAYLOAD     page → client, then client → page, encrypted; prints a table
 * PageBench screenshots DIR            page-desktop.png and page-phone.png of the send panel
 * </pre>
 *
 * Memory: every ~200 ms the VmRSS (and Pss) of every process below the browser's chromedriver,
 * summed; the peak is reported. CPU: utime+stime of each process (and thread) from /proc, taken
 * when the transfer starts and when it ends.
 */
public final class PageBench {
    private static final Duration CODE_WAIT = Duration.ofMinutes(2);
    private static final Duration TRANSFER_WAIT = Duration.ofMinutes(30);
    private static final Duration DOWNLOAD_WAIT = Duration.ofMinutes(10);
    private static final Duration NOTHING_SAVED = Duration.ofMinutes(2);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final String CODE = "7-page-bench";
    /** Which runs, from -Dp2pcopy.benchRuns (page.sh: P2PCOPY_BENCH_RUNS): send, receive, raw, steps. */
    private static final List<String> RUNS = List.of(System.getProperty("p2pcopy.benchRuns", "send,receive,raw,steps").split(","));
    /** The sender's Compression (page) or --compress (client), from -Dp2pcopy.benchCompress (page.sh: P2PCOPY_BENCH_COMPRESS). */
    private static final String COMPRESS = System.getProperty("p2pcopy.benchCompress", "auto");
    /** Set when a check failed but the run's numbers are still worth printing (a download not saved). */
    private static volatile boolean failed;

    /** What was started, closed in reverse order at the end, on failure, or when the JVM is told to stop. */
    private static final Deque<AutoCloseable> started = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(PageBench::closeAll, "page-bench-cleanup"));
        if (!Browser.installed()) {
            System.err.println("needs " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER);
            System.exit(2);
        }
        try {
            if (args.length == 3 && args[0].equals("bench")) {
                bench(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath());
            } else if (args.length == 2 && args[0].equals("screenshots")) {
                screenshots(Path.of(args[1]).toAbsolutePath());
            } else {
                System.err.println("usage: PageBench bench WORK_DIR PAYLOAD | PageBench screenshots DIR");
                System.exit(2);
            }
        } finally {
            closeAll();
        }
        System.exit(0);
    }

    private static synchronized void closeAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    static synchronized <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    static synchronized void release(AutoCloseable resource) throws Exception {
        if (started.remove(resource)) {
            resource.close();
        }
    }

    // ------------------------------------------------------------------ the benchmark

    /** One direction's numbers. */
    record Run(String name, long bytes, double seconds, String timedBy, Double clientSeconds, long browserPeakRssKiB,
            long browserPeakPssKiB, long clientRssKiB, double clientWholeRunCpu, double interval,
            Map<String, Double> cpuByKind, List<String> busiestThreads, double[] machine, String note) {
        double mbPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    private static void bench(Path work, Path payload) throws Exception {
        long bytes = Files.size(payload);
        RelayProcess relay = track(RelayProcess.start(Files.createDirectories(work.resolve("relay"))));
        System.err.println("relay on " + relay.httpBase() + " (pid " + relay.pid() + ")");
        warmUp(work, relay);

        List<Run> runs = new ArrayList<>();
        if (RUNS.contains("send")) {
            runs.add(pageToClient(work, relay, payload, bytes));
        }
        if (RUNS.contains("receive")) {
            runs.add(clientToPage(work, relay, payload, bytes));
        }
        String rawPeer = System.getProperty("p2pcopy.rawPeer");
        if (rawPeer != null && RUNS.contains("raw")) {
            runs.add(rawPageToPeer(work, relay, Path.of(rawPeer), bytes));
            runs.add(rawPeerToPage(work, relay, Path.of(rawPeer), bytes));
        }
        Map<String, Double> stages = RUNS.contains("steps") ? stages(work, relay, payload) : Map.of();
        long relayHwm = ProcFs.statusKiB(relay.pid(), "VmHWM");
        print(runs, bytes, relayHwm);
        if (!stages.isEmpty()) {
            printStages(stages);
        }
        if (failed) {
            System.out.println("\nA CHECK FAILED: see above.");
            closeAll();
            System.exit(5);
        }
    }

    /**
     * A small Java-to-Java transfer first, as in java-client/bench/transfer.sh: the first run of a new
     * jar writes the client's class cache as it exits, which costs memory once (docs/usage.md).
     */
    private static void warmUp(Path work, RelayProcess relay) throws Exception {
        Path dir = Files.createDirectories(work.resolve("warm-up"));
        Files.writeString(dir.resolve("warm-up.txt"), "warm-up\n");
        TimedClient receiver = TimedClient.start(dir, "warm-up-receive", "receive", relay.wsBase(), "7-warm-up", "--out",
                dir.resolve("out").toString(), "-q");
        TimedClient sender = TimedClient.start(dir, "warm-up-send", "send", relay.wsBase(), "warm-up.txt", "--code", "7-warm-up",
                "-q");
        sender.awaitSuccess(Duration.ofMinutes(2));
        receiver.awaitSuccess(Duration.ofMinutes(2));
    }

    /** The page sends the payload (chosen in its file input); the Java client receives it. */
    private static Run pageToClient(Path work, RelayProcess relay, Path payload, long bytes) throws Exception {
        System.err.println("page → Java client: " + bytes / MIB + " MiB");
        Path dir = Files.createDirectories(work.resolve("page-send"));
        Path out = dir.resolve("out");
        Browser page = track(Browser.start(dir));
        ProcessSampler sampler = track(ProcessSampler.start());
        try {
            page.open(relay.httpBase() + "/");
            new Select(element(page, "compress")).selectByValue(COMPRESS);
            element(page, "send-input").sendKeys(payload.toString());
            until(CODE_WAIT, () -> !text(page, "code").isEmpty() || !text(page, "error").isEmpty(),
                    () -> "the page showed no code; status: " + text(page, "status"));
            noError(page);
            String code = text(page, "code");
            TimedClient receiver = TimedClient.start(dir, "receive", "receive", relay.wsBase(), code, "--out", out.toString());
            sampler.watch(relay, receiver);
            // From the receiver's accept (it then prints what comes) to its end (it exits once it sent its ack).
            until(CODE_WAIT, () -> receiver.started() || !receiver.alive(), () -> "the receiver did not start");
            Snapshot before = sampler.snapshot();
            receiver.awaitSuccess(TRANSFER_WAIT);
            Snapshot after = sampler.snapshot();
            awaitStatus(page, "verified", Duration.ofMinutes(1));
            compare(payload, out.resolve(payload.getFileName().toString()));
            Matcher rate = receiver.summary();
            double clientSeconds = bytes / (Double.parseDouble(rate.group(2)) * 1e6);
            sampler.stop();
            return new Run("page → Java client", bytes, clientSeconds,
                    "the Java receiver's report (its accept to its ack)", null, sampler.peakRssKiB(), sampler.peakPssKiB(),
                    receiver.maxRssKiB(), receiver.cpuSeconds(), after.seconds(before),
                    after.cpuByKindSince(before), after.busiestThreadsSince(before, 8), after.machineSince(before), "");
        } finally {
            release(sampler);
            release(page);
        }
    }

    /** The Java client sends the payload; the page receives it and saves it as a download. */
    private static Run clientToPage(Path work, RelayProcess relay, Path payload, long bytes) throws Exception {
        System.err.println("Java client → page: " + bytes / MIB + " MiB");
        Path dir = Files.createDirectories(work.resolve("page-receive"));
        Browser page = track(Browser.start(dir));
        ProcessSampler sampler = track(ProcessSampler.start());
        TimedClient sender = null;
        try {
            sender = TimedClient.start(payload.getParent(), "send", "send", relay.wsBase(),
                    payload.getFileName().toString(), "--code", CODE, "--compress", COMPRESS);
            sampler.watch(relay, sender);
            page.open(relay.httpBase() + "/?save=download#" + CODE);
            until(CODE_WAIT, () -> element(page, "receive-accept").isDisplayed() || !text(page, "error").isEmpty(),
                    () -> "the page offered nothing to accept; status: " + text(page, "status"));
            noError(page);
            // Timed in the page: from the click on Accept to the status first saying "verified".
            page.script("const b = window.pageBench = {};"
                    + "document.querySelector('[data-testid=receive-accept]').addEventListener('click',"
                    + "  () => { b.start = performance.now(); }, {capture: true});"
                    + "const status = document.querySelector('[data-testid=status]');"
                    + "new MutationObserver(() => { if (b.end === undefined && status.textContent.includes('verified'))"
                    + "  b.end = performance.now(); }).observe(status, {childList: true, characterData: true, subtree: true});");
            Snapshot before = sampler.snapshot();
            element(page, "receive-accept").click();
            // One script call a round, rather than reading the status element through WebDriver.
            until(TRANSFER_WAIT, () -> Boolean.TRUE.equals(page.script("return window.pageBench.end !== undefined"
                    + " || document.querySelector('[data-testid=error]').textContent !== ''")),
                    () -> "the page's status never said \"verified\": " + text(page, "status"));
            awaitStatus(page, "verified", Duration.ofSeconds(10));
            Snapshot after = sampler.snapshot();
            double pageMs = ((Number) page.script("return window.pageBench.end - window.pageBench.start")).doubleValue();
            long verifiedAt = System.nanoTime();
            sender.awaitSuccess(Duration.ofMinutes(2));
            String saving;
            try {
                Path saved = awaitDownload(page.downloads(), bytes);
                saving = String.format(Locale.ROOT, "the download (%s) was complete on disk %.1f s after verified",
                        saved.getFileName(), (System.nanoTime() - verifiedAt) / 1e9);
                compare(payload, saved);
            } catch (IllegalStateException notSaved) {
                failed = true;
                saving = "FAILED: " + notSaved.getMessage() + "; the browser's console: " + Browser.describe(page.console())
                        + "; chrome://downloads: " + downloadsPage(page);
            }
            sampler.stop();
            Matcher rate = sender.summary();
            double clientSeconds = bytes / (Double.parseDouble(rate.group(2)) * 1e6);
            return new Run("Java client → page", bytes, pageMs / 1000,
                    "in the page (click on Accept to the status saying verified)", clientSeconds, sampler.peakRssKiB(),
                    sampler.peakPssKiB(), sender.maxRssKiB(), sender.cpuSeconds(), after.seconds(before),
                    after.cpuByKindSince(before), after.busiestThreadsSince(before, 8), after.machineSince(before),
                    saving);
        } finally {
            if (sender != null) {
                sender.close();
            }
            release(sampler);
            release(page);
        }
    }

    // ------------------------------------------------------------------ ceilings: raw WebSocket, and the page's steps

    /** The browser's WebSocket alone, through the relay, to RawPeer (java-client/bench): no protocol, no crypto. */
    private static Run rawPageToPeer(Path work, RelayProcess relay, Path rawPeer, long bytes) throws Exception {
        System.err.println("raw: page's WebSocket → RawPeer: " + bytes / MIB + " MiB");
        Path dir = Files.createDirectories(work.resolve("raw-page-send"));
        Browser page = track(Browser.start(dir));
        ProcessSampler sampler = track(ProcessSampler.start());
        try {
            page.open(relay.httpBase() + "/");
            TimedClient peer = TimedClient.java(dir, "raw-receive", List.of(rawPeer.toString(), "receive", relay.wsBase(),
                    "rawpage", String.valueOf(bytes)));
            sampler.watch(relay, peer);
            page.script(RAW_SEND, relay.wsBase(), "rawpage", bytes);
            until(CODE_WAIT, () -> page.script("return window.rawBench.start") != null,
                    () -> "the page's raw socket was not paired: " + page.script("return JSON.stringify(window.rawBench)"));
            Snapshot before = sampler.snapshot();
            peer.awaitSuccess(TRANSFER_WAIT);
            Snapshot after = sampler.snapshot();
            sampler.stop();
            Matcher rate = Pattern.compile("in ([0-9.]+) s").matcher(peer.output());
            if (!rate.find()) {
                throw new IllegalStateException("RawPeer printed no rate: " + peer.output());
            }
            return new Run("raw: page → RawPeer", bytes, Double.parseDouble(rate.group(1)),
                    "by RawPeer (paired to all counted)", null, sampler.peakRssKiB(), sampler.peakPssKiB(),
                    peer.maxRssKiB(), peer.cpuSeconds(), after.seconds(before), after.cpuByKindSince(before),
                    after.busiestThreadsSince(before, 8), after.machineSince(before),
                    "1 MiB messages, at most 4 MiB buffered, polled every 5 ms, as the page sends");
        } finally {
            release(sampler);
            release(page);
        }
    }

    private static Run rawPeerToPage(Path work, RelayProcess relay, Path rawPeer, long bytes) throws Exception {
        System.err.println("raw: RawPeer → page's WebSocket: " + bytes / MIB + " MiB");
        Path dir = Files.createDirectories(work.resolve("raw-page-receive"));
        Browser page = track(Browser.start(dir));
        ProcessSampler sampler = track(ProcessSampler.start());
        try {
            page.open(relay.httpBase() + "/");
            page.script(RAW_RECEIVE, relay.wsBase(), "rawpeer", bytes);
            TimedClient peer = TimedClient.java(dir, "raw-send", List.of(rawPeer.toString(), "send", relay.wsBase(),
                    "rawpeer", String.valueOf(bytes)));
            sampler.watch(relay, peer);
            until(CODE_WAIT, () -> page.script("return window.rawBench.start") != null,
                    () -> "the page's raw socket was not paired: " + page.script("return JSON.stringify(window.rawBench)"));
            Snapshot before = sampler.snapshot();
            until(TRANSFER_WAIT, () -> page.script("return window.rawBench.ms") != null
                    || page.script("return window.rawBench.error") != null, () -> "the page's raw socket never finished");
            Snapshot after = sampler.snapshot();
            Object error = page.script("return window.rawBench.error");
            if (error != null) {
                throw new IllegalStateException("the page's raw socket: " + error);
            }
            double ms = ((Number) page.script("return window.rawBench.ms")).doubleValue();
            peer.awaitSuccess(Duration.ofMinutes(1));
            sampler.stop();
            return new Run("raw: RawPeer → page", bytes, ms / 1000, "in the page (paired to all counted)", null,
                    sampler.peakRssKiB(), sampler.peakPssKiB(), peer.maxRssKiB(), peer.cpuSeconds(), after.seconds(before),
                    after.cpuByKindSince(before), after.busiestThreadsSince(before, 8), after.machineSince(before),
                    "1 MiB messages as ArrayBuffers, counted and dropped");
        } finally {
            release(sampler);
            release(page);
        }
    }

    /** Pairs as a raw sender (the relay's part of the protocol only) and pushes BYTES in 1 MiB messages. */
    private static final String RAW_SEND = """
            const [base, room, total] = arguments;
            const b = window.rawBench = {};
            const frame = new Uint8Array(1 << 20);
            for (let i = 0; i < frame.length; i += 65536) crypto.getRandomValues(frame.subarray(i, i + 65536));
            const ws = new WebSocket(base + '/relay/v1/' + room + '/send');
            ws.binaryType = 'arraybuffer';
            ws.onerror = () => { b.error = 'socket error'; };
            ws.onclose = (e) => { b.closed = e.code; };
            ws.onmessage = async (e) => {
              if (typeof e.data !== 'string' || !e.data.includes('paired') || b.start !== undefined) return;
              b.start = performance.now();
              for (let sent = 0; sent < total; sent += frame.length) {
                while (ws.readyState === 1 && ws.bufferedAmount > 4 * 1024 * 1024) await new Promise((r) => setTimeout(r, 5));
                ws.send(frame.subarray(0, Math.min(frame.length, total - sent)));
              }
              b.queued = performance.now() - b.start;
            };
            """;

    /** Pairs as a raw receiver and counts BYTES, then closes. */
    private static final String RAW_RECEIVE = """
            const [base, room, total] = arguments;
            const b = window.rawBench = {};
            let received = 0;
            const ws = new WebSocket(base + '/relay/v1/' + room + '/receive');
            ws.binaryType = 'arraybuffer';
            ws.onerror = () => { b.error = 'socket error'; };
            ws.onmessage = (e) => {
              if (typeof e.data === 'string') {
                if (e.data.includes('paired') && b.start === undefined) b.start = performance.now();
                return;
              }
              received += e.data.byteLength;
              if (received >= total && b.ms === undefined) {
                b.ms = performance.now() - b.start;
                ws.close(1000);
              }
            };
            """;

    /**
     * The steps the page takes for every 1 MiB chunk, each timed alone in this browser (ms per MiB, one
     * after the other as the page awaits them): reading the chosen file, SHA-256 of the chain, AES-GCM in
     * 16 KiB records (the page seals a chunk's 64 records with Promise.all), and the same as one call.
     */
    private static Map<String, Double> stages(Path work, RelayProcess relay, Path payload) throws Exception {
        System.err.println("the page's steps, one by one, in this browser");
        Browser page = track(Browser.start(Files.createDirectories(work.resolve("stages"))));
        try {
            page.open(relay.httpBase() + "/"); // a secure context (loopback), which WebCrypto needs
            page.script("const input = document.createElement('input'); input.type = 'file'; input.id = 'bench-file';"
                    + "document.body.append(input);");
            page.driver().findElement(By.id("bench-file")).sendKeys(payload.toString());
            page.script(STAGES, 256);
            until(Duration.ofMinutes(10), () -> page.script("return window.stages.done || window.stages.error") != null,
                    () -> "the steps were not timed");
            Object error = page.script("return window.stages.error");
            if (error != null) {
                throw new IllegalStateException("timing the steps: " + error);
            }
            @SuppressWarnings("unchecked")
            List<List<Object>> raw = (List<List<Object>>) page.script("return window.stages.ms");
            Map<String, Double> ms = new LinkedHashMap<>();
            raw.forEach(pair -> ms.put((String) pair.get(0), ((Number) pair.get(1)).doubleValue()));
            return ms;
        } finally {
            release(page);
        }
    }

    private static final String STAGES = """
            const [mib] = arguments;
            const s = window.stages = {ms: []};
            (async () => {
              const MiB = 1 << 20, R = 16 * 1024;
              const file = document.getElementById('bench-file').files[0];
              const key = await crypto.subtle.generateKey({name: 'AES-GCM', length: 256}, false, ['encrypt', 'decrypt']);
              const chunk = new Uint8Array(MiB + 64);
              for (let i = 0; i < chunk.length; i += 65536) crypto.getRandomValues(chunk.subarray(i, Math.min(chunk.length, i + 65536)));
              let n = 0;
              const iv = () => { const v = new Uint8Array(12); new DataView(v.buffer).setUint32(8, ++n); return v; };
              const time = async (name, count, step) => {
                for (let i = 0; i < 4; i++) await step(i);
                const t = performance.now();
                for (let i = 0; i < count; i++) await step(i);
                s.ms.push([name, (performance.now() - t) / count]);
              };
              const concat = (a, b) => { const c = new Uint8Array(a.length + b.length); c.set(a); c.set(b, a.length); return c; };
              const seal64 = () => Promise.all(Array.from({length: 64}, (_, j) =>
                crypto.subtle.encrypt({name: 'AES-GCM', iv: iv()}, key, chunk.subarray(j * R, (j + 1) * R))));
              const ivs = Array.from({length: 64}, iv);
              const sealed = (await Promise.all(ivs.map((v, j) =>
                crypto.subtle.encrypt({name: 'AES-GCM', iv: v}, key, chunk.subarray(j * R, (j + 1) * R))))).map((b) => new Uint8Array(b));
              const blocks = Math.floor(file.size / MiB);
              await time('read 1 MiB of the file (File.slice().arrayBuffer())', mib,
                (i) => file.slice((i % blocks) * MiB, (i % blocks + 1) * MiB).arrayBuffer());
              await time('copy 1 MiB (concat)', mib, () => concat(chunk.subarray(0, 32), chunk.subarray(0, MiB)));
              await time('SHA-256 of 1 MiB (subtle.digest)', mib, () => crypto.subtle.digest('SHA-256', chunk.subarray(0, MiB + 32)));
              await time('seal 1 MiB: 64 records, Promise.all (as the page)', mib, seal64);
              await time('seal 1 MiB: 64 records, one after the other', mib / 4, async () => {
                for (let j = 0; j < 64; j++) await crypto.subtle.encrypt({name: 'AES-GCM', iv: iv()}, key, chunk.subarray(j * R, (j + 1) * R));
              });
              await time('seal 1 MiB as one record', mib, () => crypto.subtle.encrypt({name: 'AES-GCM', iv: iv()}, key, chunk.subarray(0, MiB)));
              await time('open 1 MiB: 64 records, Promise.all', mib, () => Promise.all(sealed.map((piece, j) =>
                crypto.subtle.decrypt({name: 'AES-GCM', iv: ivs[j]}, key, piece))));
              await time('the sending steps in a row: read, copy, SHA-256, seal (no network)', mib, async (i) => {
                const payload = new Uint8Array(await file.slice((i % blocks) * MiB, (i % blocks + 1) * MiB).arrayBuffer());
                await crypto.subtle.digest('SHA-256', concat(chunk.subarray(0, 32), payload));
                await seal64();
              });
              await time('the receiving steps in a row: open, copy, SHA-256 (no network)', mib, async () => {
                const opened = await Promise.all(sealed.map((piece, j) => crypto.subtle.decrypt({name: 'AES-GCM', iv: ivs[j]}, key, piece)));
                const payload = new Uint8Array(MiB);
                opened.forEach((b, j) => payload.set(new Uint8Array(b), j * R));
                await crypto.subtle.digest('SHA-256', concat(chunk.subarray(0, 32), payload));
              });
              s.done = true;
            })().catch((e) => { s.error = String(e && e.stack || e); });
            """;

    private static void print(List<Run> runs, long bytes, long relayHwmKiB) {
        String size = bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
        System.out.printf(Locale.ROOT, "%nencrypted, compression %s%n", COMPRESS);
        System.out.printf(Locale.ROOT, "%n%-22s %8s %16s %16s %14s %14s%n", "run (" + size + ")", "MB/s",
                "browser RSS MiB", "browser PSS MiB", "client RSS MiB", "relay RSS MiB");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%-22s %8.1f %16d %16d %14d %14d%n", r.name, r.mbPerSecond(),
                    r.browserPeakRssKiB / 1024, r.browserPeakPssKiB / 1024, r.clientRssKiB / 1024, relayHwmKiB / 1024);
        }
        List<String> kinds = List.of("renderer", "network", "browser", "gpu", "other");
        System.out.printf(Locale.ROOT, "%n%-22s", "CPU s/GiB (cores)");
        for (String kind : kinds) {
            System.out.printf(Locale.ROOT, " %12s", kind);
        }
        System.out.printf(Locale.ROOT, " %12s %12s %12s %12s %9s%n", "chromium", "client", "relay", "driver", "wall");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%-22s", r.name);
            double all = 0;
            for (String kind : kinds) {
                double s = r.cpuByKind.getOrDefault(kind, 0.0);
                all += s;
                System.out.print(" " + cpu(s, r));
            }
            System.out.printf(Locale.ROOT, " %s %s %s %s %9.1f%n", cpu(all, r), cpu(r.cpuByKind.getOrDefault("client", 0.0), r),
                    cpu(r.cpuByKind.getOrDefault("relay", 0.0), r), cpu(r.cpuByKind.getOrDefault("driver", 0.0), r),
                    perGiB(r.interval, r.bytes));
        }
        System.out.println();
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%s: %.1f s, timed %s", r.name, r.seconds, r.timedBy);
            if (r.clientSeconds != null) {
                System.out.printf(Locale.ROOT, "; the Java sender reports %.1f MB/s (its accept to the page's ack)",
                        r.bytes / r.clientSeconds / 1e6);
            }
            System.out.printf(Locale.ROOT, "; the %s's whole run took %.1f CPU s%s%n",
                    r.name.startsWith("raw") ? "RawPeer" : "client", r.clientWholeRunCpu,
                    r.note.isEmpty() ? "" : "; " + r.note);
            System.out.println("  busiest browser threads (CPU s over the transfer): " + String.join(", ", r.busiestThreads));
            System.out.printf(Locale.ROOT, "  the whole machine meanwhile: %.2f of %d cores busy, %.2f stolen by the host,"
                    + " %.2f waiting on I/O%n", r.machine[0], Runtime.getRuntime().availableProcessors(), r.machine[1],
                    r.machine[2]);
        }
        System.out.println("MB/s = file bytes / time. Browser RSS: peak of the summed VmRSS of every process under its"
                + " chromedriver (shared pages counted in each), PSS: the same with shared pages divided, sampled every"
                + " 200 ms. Client RSS: /usr/bin/time -v of `java -jar` (its child JVM included). CPU: utime+stime from"
                + " /proc over the transfer (page -> client: the receiver's accept to its exit; client -> page: the click"
                + " to verified), per GiB and, in brackets, in cores busy; 'driver' is this benchmark's JVM (Selenium,"
                + " the sampling) and chromedriver; 'wall' is that interval per GiB. Raw rows: 'client' is RawPeer.");
    }

    private static String cpu(double seconds, Run r) {
        return String.format(Locale.ROOT, "%5.1f (%4.2f)", perGiB(seconds, r.bytes), seconds / r.interval);
    }

    private static void printStages(Map<String, Double> stages) {
        System.out.println();
        System.out.println("the page's steps for one 1 MiB chunk, each timed alone in this browser (ms, and the MB/s it would allow):");
        stages.forEach((name, ms) -> System.out.printf(Locale.ROOT, "  %-72s %7.2f ms %8.0f MB/s%n", name, ms, MIB / ms / 1e3));
    }

    private static double perGiB(double seconds, long bytes) {
        return seconds * GIB / bytes;
    }

    private static void compare(Path expected, Path actual) throws Exception {
        Process cmp = new ProcessBuilder("cmp", expected.toString(), actual.toString()).inheritIO().start();
        if (cmp.waitFor() != 0) {
            throw new IllegalStateException(actual + " differs from " + expected);
        }
    }

    /**
     * Waits for the browser to have saved one complete download of the payload's size (named as the
     * file, or otherwise: whatever the page calls it) and returns it.
     */
    private static Path awaitDownload(Path downloads, long bytes) throws Exception {
        Path[] found = new Path[1];
        long start = System.nanoTime();
        until(DOWNLOAD_WAIT, () -> {
            List<Path> files = list(downloads);
            if (files.isEmpty() && System.nanoTime() - start > NOTHING_SAVED.toNanos()) {
                throw new IllegalStateException("the browser saved nothing in " + downloads + " within "
                        + NOTHING_SAVED.toSeconds() + " s");
            }
            // Chromium writes NAME.crdownload, or a hidden .org.chromium.Chromium.XXXXXX, and renames it when done.
            boolean partial = files.stream().map(f -> f.getFileName().toString())
                    .anyMatch(name -> name.endsWith(".crdownload") || name.startsWith("."));
            List<Path> complete = files.stream().filter(f -> size(f) == bytes).toList();
            if (!partial && complete.size() == 1) {
                found[0] = complete.get(0);
                return true;
            }
            return false;
        }, () -> "no complete download of " + bytes + " bytes in " + downloads + ": " + list(downloads));
        return found[0];
    }

    /** What the browser's own downloads page lists, for a download that did not arrive. */
    private static String downloadsPage(Browser page) {
        try {
            page.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
            page.open("chrome://downloads/");
            Thread.sleep(1000);
            Object items = page.script("const m = document.querySelector('downloads-manager');"
                    + "const list = m && m.shadowRoot.querySelector('#downloadsList');"
                    + "if (!list) return '(no list)';"
                    + "return Array.from(list.querySelectorAll('downloads-item')).map((i) => i.shadowRoot.textContent"
                    + ".replace(/\\s+/g, ' ').trim()).join(' | ') || '(empty)';");
            return String.valueOf(items);
        } catch (Exception e) {
            return "(could not read: " + e + ")";
        }
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ screenshots

    /** The send panel after a file was picked (code, link, QR code, command), at desktop and at phone width. */
    private static void screenshots(Path dir) throws Exception {
        Path work = Files.createTempDirectory("p2pcopy-screenshots");
        try {
            RelayProcess relay = track(RelayProcess.start(Files.createDirectories(work.resolve("relay"))));
            Path file = Files.createDirectories(work.resolve("files")).resolve("holiday photos.zip");
            Trees.writeRandom(file, 3 * MIB + 123_456, 7);
            Browser page = track(Browser.start(Files.createDirectories(work.resolve("browser"))));
            page.open(relay.httpBase() + "/");
            viewport(page, 1280, 900);
            element(page, "send-input").sendKeys(file.toString());
            until(CODE_WAIT, () -> !text(page, "code").isEmpty() || !text(page, "error").isEmpty(),
                    () -> "the page showed no code; status: " + text(page, "status"));
            noError(page);
            Files.createDirectories(dir);
            page.script("document.getElementById('send-heading').scrollIntoView(); window.scrollBy(0, -16)");
            Thread.sleep(300);
            page.screenshot(dir.resolve("page-desktop.png"));
            viewport(page, Browser.PHONE_WIDTH, 800);
            page.script("document.getElementById('send-panel').scrollIntoView(); window.scrollBy(0, -16)");
            Thread.sleep(300);
            page.screenshot(dir.resolve("page-phone.png"));
            System.err.println("wrote " + dir.resolve("page-desktop.png") + " and " + dir.resolve("page-phone.png"));
        } finally {
            closeAll();
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Sizes the window so that the page's viewport is width × height CSS pixels (the window's frame aside). */
    private static void viewport(Browser page, int width, int height) {
        page.resizeTo(width, height);
        long innerWidth = ((Number) page.script("return window.innerWidth")).longValue();
        long innerHeight = ((Number) page.script("return window.innerHeight")).longValue();
        page.resizeTo((int) (2L * width - innerWidth), (int) (2L * height - innerHeight));
    }

    // ------------------------------------------------------------------ the page

    private static WebElement element(Browser browser, String testId) {
        return browser.driver().findElement(By.cssSelector("[data-testid=\"" + testId + "\"]"));
    }

    private static String text(Browser browser, String testId) {
        return element(browser, testId).getText();
    }

    private static void noError(Browser page) {
        String error = text(page, "error");
        if (!error.isEmpty()) {
            throw new IllegalStateException("the page shows an error: " + error + "; console:\n"
                    + Browser.describe(page.console()));
        }
    }

    private static void awaitStatus(Browser page, String word, Duration limit) throws Exception {
        until(limit, () -> text(page, "status").contains(word) || !text(page, "error").isEmpty(),
                () -> "the page's status never said \"" + word + "\": " + text(page, "status"));
        noError(page);
    }

    interface Failure {
        String describe();
    }

    /** Polls every 200 ms (the page's own timing does not depend on it). */
    private static void until(Duration limit, BooleanSupplier condition, Failure failure) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure.describe() + " (waited " + limit.toSeconds() + " s)");
            }
            Thread.sleep(200);
        }
    }
}
