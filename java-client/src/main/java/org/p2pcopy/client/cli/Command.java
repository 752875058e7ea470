package org.p2pcopy.client.cli;

import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.p2pcopy.client.RelayAccess;
import org.p2pcopy.client.TransferException;

/** A sub-command of the command line: its options, its help, and the library call it maps onto. */
abstract class Command {
    static final Option HELP = Option.builder("h").longOpt("help").desc("show this help and exit").get();
    static final Option QUIET = Option.builder("q").longOpt("quiet")
            .desc("print nothing but errors (for scripts; the exit code tells the outcome)").get();
    static final Option DEBUG = Option.builder().longOpt("debug").desc("print stack traces of errors").get();

    abstract String name();

    /** The arguments after the command's name, e.g. {@code SERVER CODE PATH...}. */
    abstract String arguments();

    abstract String summary();

    /** Examples and details printed below the options in --help. */
    abstract String footer();

    /** The command's own options; help, quiet and debug are added to every command. */
    abstract List<Option> ownOptions();

    final Options options() {
        Options options = new Options();
        ownOptions().forEach(options::addOption);
        RelayOptions.ALL.forEach(options::addOption);
        options.addOption(QUIET);
        options.addOption(DEBUG);
        options.addOption(HELP);
        return options;
    }

    /**
     * Runs the command; {@code positional} holds the arguments that are not options, {@code access}
     * what the relay options and the environment say about reaching the relay.
     */
    abstract void run(CommandLine line, List<String> positional, RelayAccess access, ConsoleReporter reporter)
            throws TransferException;
}
