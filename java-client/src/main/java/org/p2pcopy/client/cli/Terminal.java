package org.p2pcopy.client.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person watches: progress is drawn only then, so that logs of scripts stay clean. */
final class Terminal {
    private Terminal() {
    }

    static boolean isInteractive() {
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
