package org.p2pcopy.client.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.P2pCopy;
import org.p2pcopy.client.ReceiveRequest;
import org.p2pcopy.client.RelayAccess;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferSummary;

/** {@code receive SERVER CODE [--out DIR] [--overwrite] [--resume]} */
final class ReceiveCommand extends Command {
    static final Option OUT = Option.builder("o").longOpt("out").hasArg().argName("DIR")
            .desc("folder to receive into (default: the current folder); created if missing").get();
    static final Option OVERWRITE = Option.builder().longOpt("overwrite")
            .desc("replace files that exist already (default: refuse the transfer before any data moves)").get();
    static final Option RESUME = Option.builder().longOpt("resume")
            .desc("continue an interrupted transfer: keep what arrived and verified before, receive the rest").get();

    @Override
    String name() {
        return "receive";
    }

    @Override
    String arguments() {
        return "SERVER CODE";
    }

    @Override
    String summary() {
        return "receive what the sender with the same code sends";
    }

    @Override
    String footer() {
        return """

                Files are written under a temporary name (.NAME.p2p-copy-part) and get their own name only once
                verified; nothing is ever written outside DIR. If a transfer stops, what verified stays under the
                temporary names: run the same send again and receive with --resume, and only the rest moves.

                Example:
                  java -jar p2p-copy-client.jar receive wss://relay.example.org 7-crayon-orbit --out downloads

                Exit codes: 0 everything verified and in place, 2 usage, 3 relay, 4 peer, 5 integrity,
                6 local file, 7 wrong code or tampering.""";
    }

    @Override
    List<Option> ownOptions() {
        return List.of(OUT, OVERWRITE, RESUME);
    }

    @Override
    void run(CommandLine line, List<String> positional, RelayAccess access, ConsoleReporter reporter)
            throws TransferException {
        if (positional.size() != 2) {
            throw new TransferException(Failure.USAGE, "receive needs exactly SERVER and CODE");
        }
        Path out = Path.of(line.getOptionValue(OUT, "."));
        ReceiveRequest request = new ReceiveRequest(positional.get(0), positional.get(1), out,
                line.hasOption(OVERWRITE), line.hasOption(RESUME), access);
        TransferSummary summary = P2pCopy.receive(request, reporter);
        reporter.finished("received", summary, "every chunk and file verified (SHA-256 chain), in "
                + out.toAbsolutePath().normalize());
    }
}
