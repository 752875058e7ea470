package org.p2pcopy.client.cli;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the client's memory small however it is started. A JVM started with plain
 * {@code java -jar} sizes its heap from the machine's memory (hundreds of MiB here), and the JDK's
 * WebSocket allocates a buffer per frame, so the heap would grow to that size during a large
 * transfer. Unless the user chose a heap size, the command runs in a child JVM with a small heap
 * and a collector that suits a streaming program, and the parent only passes on the exit code.
 */
final class LeanJvm {
    static final String CHILD_MARK = "p2pcopy.leanJvm";
    /** Enough for the chunk buffers in flight and the JDK's per-frame copies, measured with 1 GiB files. */
    static final List<String> OPTIONS = List.of("-Xmx24m", "-XX:+UseSerialGC");

    private LeanJvm() {
    }

    /** The command that runs the same arguments in a lean child JVM, or empty to run them here. */
    static Optional<List<String>> childCommand(String[] args) {
        if (System.getProperty(CHILD_MARK) != null || userChoseHeap() || !transfers(args)) {
            return Optional.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        Optional<Path> jar = ownJar();
        if (java.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(OPTIONS);
        command.add("-D" + CHILD_MARK + "=true");
        command.addAll(List.of("-cp", jar.get().toString(), Main.class.getName()));
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** Runs the child with this process's terminal and returns its exit code. */
    static int runChild(List<String> command) {
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            return -1;
        }
        // Ctrl-C reaches the child by itself; a plain kill of the parent is passed on, so the child
        // can still remove its temporary files.
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "p2p-copy-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        while (true) {
            try {
                int exitCode = child.waitFor();
                Runtime.getRuntime().removeShutdownHook(stopChild);
                return exitCode;
            } catch (InterruptedException e) {
                // Keep waiting: the child decides when the transfer is over.
            } catch (IllegalStateException shuttingDown) {
                return 130;
            }
        }
    }

    /** In the child: leave when the parent is gone (killed outright), as its user expects. */
    static void followParent() {
        if (System.getProperty(CHILD_MARK) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(130)));
    }

    private static boolean transfers(String[] args) {
        return args.length > 0 && (args[0].equals("send") || args[0].equals("receive"));
    }

    private static boolean userChoseHeap() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-Xmx") || arg.startsWith("-XX:MaxHeapSize")
                        || arg.startsWith("-XX:MaxRAM"));
    }

    private static Optional<Path> ownJar() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
