package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar p2p-copy-client.jar ...} as a separate process, as a user or a script runs it. */
final class ClientProcess {
    private final Process process;
    private final Path output;
    private final String name;

    private ClientProcess(Process process, Path output, String name) {
        this.process = process;
        this.output = output;
        this.name = name;
    }

    static ClientProcess start(Path workingDir, Path logDir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(RelayProcess.javaExecutable(), "-jar",
                System.getProperty("p2pcopy.clientJar")));
        command.addAll(List.of(args));
        Path output = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ClientProcess(process, output, name);
    }

    /** Waits for the exit code; a client still running after the timeout is a failure of the test. */
    int exitCode(long timeoutSeconds) throws InterruptedException, IOException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not finish within " + timeoutSeconds + " s; it printed:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * The exit code of a client whose peer has already failed: given {@code seconds} to notice, it
     * is then killed, since one waiting for a peer that never comes waits for minutes.
     */
    int exitCodeOrKill(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    void signal(Signal signal) {
        signal.sendTo(process);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public String toString() {
        return name;
    }
}
