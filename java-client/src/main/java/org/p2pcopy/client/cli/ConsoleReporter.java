package org.p2pcopy.client.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.p2pcopy.client.Resumption;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.TransferSummary;

/**
 * Shows a transfer on stderr: steps and warnings as lines, and, for a person at a terminal, one
 * progress line with bytes, rate and time left that redraws itself a few times a second.
 */
final class ConsoleReporter implements TransferListener {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final PrintStream err;
    private final String server;
    private final boolean interactive;
    private final boolean quiet;
    private long startNanos;
    // Bytes a resumed transfer did not have to move: they count as done but not towards the rate.
    private long resumedBytes;
    private long lastDrawNanos;
    private boolean progressShown;

    ConsoleReporter(PrintStream out, PrintStream err, String server, boolean interactive, boolean quiet) {
        this.out = out;
        this.err = err;
        this.server = server;
        this.interactive = interactive;
        this.quiet = quiet;
    }

    /** Even a quiet sender tells the code, alone on stdout, since nobody could receive without it. */
    @Override
    public void pairing(String code) {
        if (quiet) {
            out.println(code);
            out.flush();
            return;
        }
        line("code: " + code);
        line("on the other computer run:  " + Cli.INVOCATION + " receive " + server + " " + code);
    }

    @Override
    public void status(String message) {
        line(message);
    }

    @Override
    public void warning(String message) {
        line("warning: " + message);
    }

    @Override
    public void started(int files, int folders, long totalBytes) {
        startNanos = System.nanoTime();
        line(files + (files == 1 ? " file" : " files") + " in " + folders + (folders == 1 ? " folder" : " folders")
                + ", " + Sizes.bytes(totalBytes));
    }

    @Override
    public void resumed(String path, long offset, long size) {
        resumedBytes += offset;
        if (offset < size) {
            line("continuing " + path + " after the " + Sizes.bytes(offset) + " already there, of " + Sizes.bytes(size));
        }
    }

    @Override
    public void progress(long bytesDone, long totalBytes) {
        if (quiet || !interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawNanos < REDRAW_NANOS && bytesDone < totalBytes) {
            return;
        }
        lastDrawNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (bytesDone - resumedBytes) / seconds : 0;
        String eta = rate > 0 ? Sizes.duration((totalBytes - bytesDone) / rate) : "--:--";
        int percent = totalBytes == 0 ? 100 : (int) (100 * bytesDone / totalBytes);
        err.printf(Locale.ROOT, "\r%s of %s  %3d%%  %s  ETA %s   ", Sizes.bytes(bytesDone), Sizes.bytes(totalBytes),
                percent, Sizes.rate(rate), eta);
        err.flush();
        progressShown = true;
    }

    void finished(String verb, TransferSummary summary, String verified) {
        clearProgress();
        Resumption resumed = summary.resumption();
        long moved = summary.bytes() - resumed.bytes();
        line(String.format(Locale.ROOT, "%s %d %s (%s) in %.1f s, %s: %s", verb, summary.files(),
                summary.files() == 1 ? "file" : "files", Sizes.bytes(summary.bytes()),
                summary.elapsed().toNanos() / 1e9, moved > 0 ? Sizes.rate(summary.bytesPerSecond()) : "all there already",
                verified));
        if (summary.compressed() && moved > 0) {
            line(String.format(Locale.ROOT, "compressed: %s of file data took %s on the wire, %.0f%% of the data",
                    Sizes.bytes(moved), Sizes.bytes(summary.wireBytes()), 100.0 * summary.wireBytes() / moved));
        }
        if (resumed.any()) {
            line(String.format(Locale.ROOT, "resumed: %s were there already and verified (checked in %.1f s): "
                    + "%d %s complete, %d continued, %d sent again because %s changed", Sizes.bytes(resumed.bytes()),
                    resumed.checking().toNanos() / 1e9, resumed.complete(), resumed.complete() == 1 ? "file" : "files",
                    resumed.continued(), resumed.restarted(), resumed.restarted() == 1 ? "it" : "they"));
        }
    }

    /** Ends the progress line, so that what follows starts on a line of its own. */
    void clearProgress() {
        if (progressShown) {
            err.println();
            progressShown = false;
        }
    }

    private void line(String message) {
        if (quiet) {
            return;
        }
        clearProgress();
        err.println(message);
    }
}
