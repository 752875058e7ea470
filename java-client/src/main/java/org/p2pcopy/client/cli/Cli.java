package org.p2pcopy.client.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.ParseException;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;

/**
 * The command line: picks the command, parses its options, runs it and turns the outcome into an
 * exit code and at most one line of error, never a stack trace unless --debug asks for it.
 */
public final class Cli {
    static final String PROGRAM = "p2p-copy-client";
    /** How the program is started, as help and hints show it so that it can be copied as is. */
    static final String INVOCATION = "java -jar " + PROGRAM + ".jar";
    private static final List<Command> COMMANDS = List.of(new SendCommand(), new ReceiveCommand());

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final Map<String, String> environment;

    public Cli(PrintStream out, PrintStream err, boolean interactive) {
        this(out, err, interactive, System.getenv());
    }

    /** @param environment where the proxy variables are read (https_proxy, no_proxy, ...) */
    public Cli(PrintStream out, PrintStream err, boolean interactive, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.environment = Map.copyOf(environment);
    }

    /** Runs the arguments as a command and returns the exit code. */
    public int execute(String... args) {
        if (args.length == 0) {
            printProgramHelp(err);
            return Failure.USAGE.exitCode();
        }
        String first = args[0];
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            printProgramHelp(out);
            return 0;
        }
        if (first.equals("--version")) {
            out.println(PROGRAM + " " + version());
            return 0;
        }
        Command command = COMMANDS.stream().filter(c -> c.name().equals(first)).findFirst().orElse(null);
        if (command == null) {
            return usageError(null, "unknown command '" + first + "'");
        }
        return run(command, Arrays.copyOfRange(args, 1, args.length));
    }

    private int run(Command command, String[] args) {
        CommandLine line;
        try {
            line = DefaultParser.builder().get().parse(command.options(), args);
        } catch (ParseException e) {
            return usageError(command, e.getMessage());
        }
        if (line.hasOption(Command.HELP)) {
            printCommandHelp(command);
            return 0;
        }
        boolean debug = line.hasOption(Command.DEBUG);
        String server = line.getArgList().isEmpty() ? "" : line.getArgList().get(0);
        ConsoleReporter reporter = new ConsoleReporter(out, err, server, interactive, line.hasOption(Command.QUIET));
        try {
            command.run(line, line.getArgList(), RelayOptions.read(line, environment, reporter), reporter);
            return 0;
        } catch (TransferException e) {
            reporter.clearProgress();
            if (e.failure() == Failure.USAGE) {
                return usageError(command, e.getMessage());
            }
            err.println(PROGRAM + ": " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return e.failure().exitCode();
        } catch (OutOfMemoryError e) {
            reporter.clearProgress();
            err.println(PROGRAM + ": out of memory; give Java more, e.g. java -Xmx4g -jar " + PROGRAM + ".jar ...");
            return Failure.INTERNAL.exitCode();
        } catch (RuntimeException e) {
            reporter.clearProgress();
            err.println(PROGRAM + ": internal error: " + e + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return Failure.INTERNAL.exitCode();
        }
    }

    private int usageError(Command command, String message) {
        err.println(PROGRAM + ": " + message);
        err.println("Try '" + INVOCATION + (command == null ? "" : " " + command.name()) + " --help'.");
        return Failure.USAGE.exitCode();
    }

    private void printProgramHelp(PrintStream stream) {
        stream.println("usage: " + INVOCATION + " <command> [options] ...");
        stream.println();
        stream.println("Copies files and folders to another computer through a p2p-copy relay, paired by a");
        stream.println("short code and verified chunk by chunk.");
        stream.println();
        stream.println("Commands:");
        for (Command command : COMMANDS) {
            stream.printf("  %-8s %-22s %s%n", command.name(), command.arguments(), command.summary());
        }
        stream.println();
        stream.println("Options:");
        stream.println("  -h, --help     show this help (or a command's, after its name)");
        stream.println("      --version  show the version");
        stream.println();
        stream.println("Example:");
        stream.println("  " + INVOCATION + " send wss://relay.example.org results/");
        stream.println("      prints a new code, e.g. 42-crayon-orbit, and the command that receives with it:");
        stream.println("  " + INVOCATION + " receive wss://relay.example.org 42-crayon-orbit --out downloads");
        stream.println();
        stream.println("Run '" + INVOCATION + " <command> --help' for a command's options.");
    }

    private void printCommandHelp(Command command) {
        PrintWriter writer = new PrintWriter(out);
        HelpFormatter formatter = new HelpFormatter();
        formatter.printHelp(writer, 100, INVOCATION + " " + command.name() + " " + command.arguments() + " [options]",
                "\n" + command.summary() + "\n\nOptions:", command.options(), 2, 2, command.footer());
        writer.flush();
    }

    static String version() {
        String version = Cli.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
