package org.p2pcopy.client.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.P2pCopy;
import org.p2pcopy.client.SendRequest;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferSummary;

/** {@code send SERVER CODE PATH...} */
final class SendCommand extends Command {
    @Override
    String name() {
        return "send";
    }

    @Override
    String arguments() {
        return "SERVER CODE PATH...";
    }

    @Override
    String summary() {
        return "send files and folders to the receiver who uses the same code";
    }

    @Override
    String footer() {
        return """

                SERVER is the relay's address (wss://relay.example.org, https://host/context, ws://127.0.0.1:8080).
                CODE is shared with the receiver, e.g. 7-crayon-orbit: the relay sees only the part before the
                first '-'. Each PATH is sent under its own name, folders with everything in them.

                Example:
                  java -jar p2p-copy-client.jar send wss://relay.example.org 7-crayon-orbit results/ notes.txt

                Exit codes: 0 the receiver verified everything, 2 usage, 3 relay, 4 peer, 5 integrity,
                6 local file, 7 wrong code.""";
    }

    @Override
    List<Option> ownOptions() {
        return List.of();
    }

    @Override
    void run(CommandLine line, List<String> positional, ConsoleReporter reporter) throws TransferException {
        if (positional.size() < 3) {
            throw new TransferException(Failure.USAGE, "send needs SERVER, CODE and at least one PATH");
        }
        String server = positional.get(0);
        String code = positional.get(1);
        List<Path> paths = positional.subList(2, positional.size()).stream().map(Path::of).toList();
        TransferSummary summary = P2pCopy.send(new SendRequest(server, code, paths), reporter);
        reporter.finished("sent", summary, "the receiver verified every chunk and file and has them in place");
    }
}
