package org.p2pcopy.client.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.P2pCopy;
import org.p2pcopy.client.RelayAccess;
import org.p2pcopy.client.SendRequest;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferSummary;
import org.p2pcopy.client.compression.CompressionMode;
import org.p2pcopy.client.pairing.CodeGenerator;

/** {@code send SERVER PATH... [--code CODE]} */
final class SendCommand extends Command {
    static final Option CODE = Option.builder("c").longOpt("code").hasArg().argName("CODE")
            .desc("use this code instead of a new one (the receiver types the same)").get();
    static final Option WORDS = Option.builder().longOpt("words").hasArg().argName("N")
            .desc("words in a new code, " + CodeGenerator.MIN_WORDS + " to " + CodeGenerator.MAX_WORDS + " (default "
                    + CodeGenerator.DEFAULT_WORDS + ", " + CodeGenerator.bits(CodeGenerator.DEFAULT_WORDS)
                    + " bits; each word adds " + CodeGenerator.bits(1) + ")").get();
    static final Option ENCRYPT = Option.builder().longOpt("encrypt")
            .desc("encrypt end to end (the default; accepted for scripts that pass it)").get();
    static final Option NO_ENCRYPT = Option.builder().longOpt("no-encrypt")
            .desc("do not encrypt: names, sizes and contents cross the relay in clear (for trusted links; the "
                    + "receiver is told)").get();
    static final Option COMPRESS = Option.builder().longOpt("compress").hasArg().argName("WHEN")
            .desc("compress chunks with zstd: auto (the default) tries each file's first chunk and goes on only "
                    + "if it shrank, on tries every chunk, off never; a chunk goes compressed only if that makes "
                    + "it smaller, and only to a receiver that can decompress").get();

    @Override
    String name() {
        return "send";
    }

    @Override
    String arguments() {
        return "SERVER PATH...";
    }

    @Override
    String summary() {
        return "send files and folders; prints the code the receiver types";
    }

    @Override
    String footer() {
        return """

                SERVER is the relay's address (wss://relay.example.org, https://host/context, ws://127.0.0.1:8080).
                Each PATH is sent under its own name, folders with everything in them.

                Without --code, a new code such as 42-crayon-orbit is made and printed with the command that
                receives it. The relay sees only the number before the first '-'; the words are the secret
                (%d bits by default). The code is the password of a SPAKE2 key exchange: the relay, or anyone
                else, gets one guess per pairing and nothing to test guesses offline. Everything after the
                handshake is encrypted with AES-256-GCM.

                Examples:
                  java -jar p2p-copy-client.jar send wss://relay.example.org results/ notes.txt
                  java -jar p2p-copy-client.jar send wss://relay.example.org results/ --code 7-crayon-orbit

                Exit codes: 0 the receiver verified everything, 2 usage, 3 relay, 4 peer, 5 integrity,
                6 local file, 7 wrong code or tampering.""".formatted(CodeGenerator.bits(CodeGenerator.DEFAULT_WORDS));
    }

    @Override
    List<Option> ownOptions() {
        return List.of(CODE, WORDS, ENCRYPT, NO_ENCRYPT, COMPRESS);
    }

    @Override
    void run(CommandLine line, List<String> positional, RelayAccess access, ConsoleReporter reporter)
            throws TransferException {
        if (positional.size() < 2) {
            throw new TransferException(Failure.USAGE, "send needs SERVER and at least one PATH");
        }
        if (line.hasOption(ENCRYPT) && line.hasOption(NO_ENCRYPT)) {
            throw new TransferException(Failure.USAGE, "--encrypt and --no-encrypt contradict each other");
        }
        if (line.hasOption(CODE) && line.hasOption(WORDS)) {
            throw new TransferException(Failure.USAGE, "--words makes a new code; it does not go with --code");
        }
        String server = positional.get(0);
        List<Path> paths = positional.subList(1, positional.size()).stream().map(Path::of).toList();
        CompressionMode compression = compression(line);
        SendRequest request = new SendRequest(server, line.getOptionValue(CODE), paths, !line.hasOption(NO_ENCRYPT),
                words(line), compression, access);
        TransferSummary summary = P2pCopy.send(request, reporter);
        reporter.finished("sent", summary, "the receiver verified every chunk and file and has them in place");
    }

    private static CompressionMode compression(CommandLine line) throws TransferException {
        String value = line.getOptionValue(COMPRESS, CompressionMode.AUTO.wireName());
        CompressionMode mode = CompressionMode.parse(value);
        if (mode == null) {
            throw new TransferException(Failure.USAGE, "--compress takes auto, on or off, not '" + value + "'");
        }
        return mode;
    }

    private static int words(CommandLine line) throws TransferException {
        String value = line.getOptionValue(WORDS, Integer.toString(CodeGenerator.DEFAULT_WORDS));
        try {
            int words = Integer.parseInt(value);
            if (words >= CodeGenerator.MIN_WORDS && words <= CodeGenerator.MAX_WORDS) {
                return words;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new TransferException(Failure.USAGE, "--words takes a number from " + CodeGenerator.MIN_WORDS + " to "
                + CodeGenerator.MAX_WORDS + ", not '" + value + "'");
    }
}
