package org.p2pcopy.relay.e2e;

/**
 * The two ways a process is stopped from outside, as the end-to-end tests send them to the relay or
 * a client. {@link #exitCode} is what a parent then sees, 128 + the signal's number, which also
 * proves that the signal was the one meant (a process that stopped by itself exits otherwise).
 */
enum Signal {
    /**
     * {@code kill PID}, as a user, a service manager or a shutdown sends it. Only the process itself
     * gets it: the client's launcher passes it on to its lean JVM (LeanJvm), and a JVM runs its
     * shutdown hooks. {@link Process#destroy()} sends SIGTERM on Unix.
     */
    TERM(143),
    /**
     * The kernel's kill, as the OOM killer, {@code kill -9} on a whole service or a lost machine
     * leaves things: no code of the process runs any more. It goes to the process and every process
     * it started, since a launcher killed alone would leave the JVM that does the work to stop by
     * itself, in its own time and with its hooks.
     */
    KILL(137);

    final int exitCode;

    Signal(int exitCode) {
        this.exitCode = exitCode;
    }

    void sendTo(Process process) {
        if (this == TERM) {
            process.destroy();
        } else {
            // The workers first: killed after the launcher, they could notice it gone and exit on their own.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
