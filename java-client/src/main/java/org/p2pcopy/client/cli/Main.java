package org.p2pcopy.client.cli;

import java.util.List;
import java.util.Optional;

/** {@code java -jar p2p-copy-client.jar ...}: runs the command line and exits with its exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Optional<List<String>> child = LeanJvm.childCommand(args);
        if (child.isPresent()) {
            int exitCode = LeanJvm.runChild(child.get());
            if (exitCode >= 0) {
                System.exit(exitCode);
            }
            // The child could not be started: run here, with more memory than needed.
        }
        LeanJvm.followParent();
        int exitCode = new Cli(System.out, System.err, Terminal.isInteractive()).execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(exitCode);
    }
}
