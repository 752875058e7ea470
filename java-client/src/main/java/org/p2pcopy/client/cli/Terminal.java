package org.p2pcopy.client.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a person watches stderr: progress is drawn only then, so that logs of scripts stay clean
 * and {@code 2> log} gets no progress lines.
 */
final class Terminal {
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    static boolean isInteractive() {
        // Java itself can only say whether stdin and stdout are a terminal; on Linux the file
        // behind descriptor 2 tells about stderr, which is where progress goes.
        if (Files.exists(STDERR)) {
            try {
                String target = Files.readSymbolicLink(STDERR).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                // Fall back to the console check below.
            }
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 on, System.console() exists even when redirected; isTerminal() tells then.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
