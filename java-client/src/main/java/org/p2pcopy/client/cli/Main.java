package org.p2pcopy.client.cli;

/** {@code java -jar p2p-copy-client.jar ...}: runs the command line and exits with its exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LeanJvm child = LeanJvm.child(args);
        if (child != null) {
            int exitCode = child.run();
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
