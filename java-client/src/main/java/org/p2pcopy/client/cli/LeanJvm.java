package org.p2pcopy.client.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the client small and quick however it is started. A JVM started with plain
 * {@code java -jar} sizes its heap from the machine's memory (hundreds of MiB here), and the JDK's
 * WebSocket allocates a buffer per frame, so the heap would grow to that size during a large
 * transfer. Unless the user chose a heap size, the command runs in a child JVM with a small heap
 * and a collector that suits a streaming program, and the parent only passes on the exit code.
 * The child also loads its classes from a {@link ClassCache}, which more than pays for its start.
 *
 * <p>The parent's path avoids lambdas and streams on purpose: bootstrapping them costs a JVM that
 * does nothing else about a tenth of a second.
 */
final class LeanJvm {
    static final String CHILD_MARK = "p2pcopy.leanJvm";
    /**
     * The serial collector grows the heap only when live data needs it: a stream of chunks stays in
     * the small initial heap (under 100 MiB resident at any file size), while a tree of a hundred
     * thousand files, whose list must be held, may grow it up to the cap.
     */
    static final List<String> OPTIONS = List.of("-Xms16m", "-Xmx1g", "-XX:+UseSerialGC");

    private final List<String> command;
    private final ClassCache classCache;

    private LeanJvm(List<String> command, ClassCache classCache) {
        this.command = command;
        this.classCache = classCache;
    }

    /** The child that runs the same arguments in a lean JVM, or null to run them in this one. */
    static LeanJvm child(String[] args) {
        if (System.getProperty(CHILD_MARK) != null || !transfers(args) || userChoseHeap()) {
            return null;
        }
        String java = ProcessHandle.current().info().command().orElse(null);
        Path jar = ownJar();
        if (java == null || jar == null) {
            return null;
        }
        ClassCache classCache = ClassCache.forJar(jar, args[0]);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(OPTIONS);
        if (classCache != null) {
            command.addAll(classCache.jvmOptions());
        }
        command.add("-D" + CHILD_MARK + "=true");
        command.add("-cp");
        command.add(jar.toString());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new LeanJvm(command, classCache);
    }

    /** Runs the child with this process's terminal and returns its exit code, or -1 if it did not start. */
    int run() {
        Process child;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            // glibc gives each thread that allocates natively an arena of its own; the JDK's HTTP
            // client runs on a pool of short-lived threads, so over a long transfer these add up
            // to tens of MiB. Two arenas are plenty for a program with one busy thread.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            child = builder.start();
        } catch (IOException e) {
            return -1;
        }
        int exitCode = await(child);
        if (classCache != null) {
            classCache.settle();
        }
        return exitCode;
    }

    private static int await(Process child) {
        // Ctrl-C reaches the child by itself; a plain kill of the parent is passed on, so the child
        // can still remove its temporary files.
        Thread stopChild = new Thread(new StopChild(child), "p2p-copy-stop-child");
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

    private record StopChild(Process child) implements Runnable {
        @Override
        public void run() {
            child.destroy();
            try {
                child.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * In the child: leave when the parent is gone (killed outright), as its user expects. Polled
     * from a sleeping thread rather than with {@code ProcessHandle.onExit()}, whose thread waits in
     * native code, which would hold up the JVM's exit by 300 ms.
     */
    static void followParent() {
        if (System.getProperty(CHILD_MARK) == null) {
            return;
        }
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watcher = new Thread(new FollowParent(parent), "p2p-copy-follow-parent");
        watcher.setDaemon(true);
        watcher.start();
    }

    private record FollowParent(ProcessHandle parent) implements Runnable {
        @Override
        public void run() {
            try {
                while (parent.isAlive()) {
                    Thread.sleep(250);
                }
                System.exit(130);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean transfers(String[] args) {
        return args.length > 0 && (args[0].equals("send") || args[0].equals("receive"));
    }

    /** Read from the process's own command line: the management API would cost a tenth of a second. */
    private static boolean userChoseHeap() {
        String[] jvmArgs = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (String arg : jvmArgs) {
            if (arg.equals("-jar") || arg.equals("-cp") || arg.equals("-classpath")) {
                break;
            }
            if (arg.startsWith("-Xmx") || arg.startsWith("-XX:MaxHeapSize") || arg.startsWith("-XX:MaxRAM")) {
                return true;
            }
        }
        String toolOptions = System.getenv("JAVA_TOOL_OPTIONS");
        return toolOptions != null && toolOptions.contains("-Xmx");
    }

    private static Path ownJar() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? location : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
