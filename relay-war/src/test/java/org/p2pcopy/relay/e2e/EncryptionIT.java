package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.relay.e2e.Clients.assertExit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What end-to-end encryption promises, checked with the real relay in Payara Micro and the client jar
 * as processes: a code made by the sender works as printed; a tap in front of the relay finds no
 * name, size or content in what the relay forwards; a bit flipped on the way fails integrity.
 */
class EncryptionIT extends RelayAndTree {
    private static final int BIG = 3 * 1024 * 1024 + 4321;
    private static final Pattern PRINTED_CODE = Pattern.compile("code: (\\d+-[a-z]+-[a-z]+)\\n");

    private static int room = 500;

    @BeforeAll
    static void startRelayAndMakeTree() throws Exception {
        start(BIG);
    }

    private static String newCode() {
        return (++room) + "-encryption-test";
    }

    @Test
    void theSenderMakesACodeAndTheReceiverUsesItAsPrinted() throws Exception {
        Clients clients = clients();
        ClientProcess sender = clients.send("sender", null, "project files");
        String code = printedCode(sender);
        assertTrue(sender.output().contains("receive " + relay.wsBase() + " " + code), sender.output());

        Path out = work.resolve("out");
        ClientProcess receiver = clients.receive("receiver", code, out);
        assertExit(0, sender);
        assertExit(0, receiver);
        Trees.assertSameTree(source, out.resolve("project files"));
        assertTrue(receiver.output().contains("end-to-end encrypted"), receiver.output());
    }

    @Test
    void aTappedRelaySeesNoNameSizeChainOrContent() throws Exception {
        try (Tap tap = Tap.recording(relay.port())) {
            Path out = work.resolve("out");
            transfer(tap, newCode(), out, 0);
            Trees.assertSameTree(source, out.resolve("project files"));
            assertEquals(List.of(), leaks(tap.recorded()), "readable by whoever runs the relay");
        }
    }

    /** The tap can find what it looks for: without encryption it reads every kind of secret. */
    @Test
    void withoutEncryptionTheTapReadsEverythingAndTheReceiverIsTold() throws Exception {
        try (Tap tap = Tap.recording(relay.port())) {
            Path out = work.resolve("out");
            List<ClientProcess> peers = transfer(tap, newCode(), out, 0, "--no-encrypt");
            List<String> leaks = leaks(tap.recorded());
            for (String kind : List.of("name", "size", "content", "chain")) {
                assertTrue(leaks.stream().anyMatch(leak -> leak.startsWith(kind)), kind + " not found: " + leaks);
            }
            assertTrue(peers.get(1).output().contains("turned encryption off"), peers.get(1).output());
        }
    }

    /** One bit flipped in the middle of the data: the receiver stops with integrity and keeps no part of the file. */
    @Test
    void aBitFlippedInFlightFailsIntegrityAndKeepsOnlyWhatVerified() throws Exception {
        try (Tap tap = Tap.flippingReceiverByte(relay.port(), 2_000_000)) {
            Path out = work.resolve("out");
            List<ClientProcess> peers = transfer(tap, newCode(), out, 5);
            assertTrue(peers.get(1).output().contains("altered"), peers.get(1).output());
            try (Stream<Path> files = Files.walk(out)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    boolean partial = name.startsWith(".") && name.endsWith(".p2p-copy-part");
                    assertFalse(name.equals("big data.bin"), "the altered file got its name");
                    Path original = source.getParent().resolve(out.relativize(file.getParent()))
                            .resolve(partial ? name.substring(1, name.length() - ".p2p-copy-part".length()) : name);
                    // Files before the altered one verified whole; the partial file of the altered one holds
                    // only chunks that verified, so the start of the original.
                    byte[] kept = Files.readAllBytes(file);
                    byte[] expected = Files.readAllBytes(original);
                    assertTrue(Arrays.equals(partial ? Arrays.copyOf(expected, kept.length) : expected, kept),
                            file + " is not " + (partial ? "the start of " : "") + original);
                }
            }
        }
    }

    /** Sends the tree through the tap and returns sender and receiver once both exited with {@code exit}. */
    private List<ClientProcess> transfer(Tap tap, String code, Path out, int exit, String... sendOptions)
            throws Exception {
        Clients clients = new Clients(tap.wsBase(), source.getParent(), work);
        ClientProcess receiver = clients.receive("receiver", code, out);
        String[] args = Stream.concat(Stream.of("project files"), Stream.of(sendOptions)).toArray(String[]::new);
        ClientProcess sender = clients.send("sender", code, args);
        assertExit(exit, receiver);
        assertExit(exit, sender);
        return List.of(sender, receiver);
    }

    private static String printedCode(ClientProcess sender) throws Exception {
        Clients.waitForOutput(sender, "code: ");
        Clients.eventually(() -> PRINTED_CODE.matcher(sender.output()).find(), () -> "no code of the form "
                + PRINTED_CODE + " in:\n" + output(sender));
        Matcher matcher = PRINTED_CODE.matcher(sender.output());
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static String output(ClientProcess client) {
        try {
            return client.output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Names, size fields, content and chain values of the tree that appear in what the relay forwarded. */
    private static List<String> leaks(byte[] recorded) throws Exception {
        String seen = new String(recorded, StandardCharsets.ISO_8859_1);
        byte[] big = Files.readAllBytes(source.resolve("deep/big data.bin"));
        byte[] firstChain = MessageDigest.getInstance("SHA-256").digest(concat(new byte[32], Arrays.copyOf(big, 1 << 20)));
        List<String> leaks = new ArrayList<>();
        find(leaks, seen, "name", utf8("Grüße aus Köln.txt"));
        find(leaks, seen, "name", utf8("big data.bin"));
        find(leaks, seen, "size", "\"size\"");
        find(leaks, seen, "size", Integer.toString(BIG));
        find(leaks, seen, "content", utf8("# こんにちは"));
        find(leaks, seen, "content", new String(big, 5000, 64, StandardCharsets.ISO_8859_1));
        find(leaks, seen, "chain", HexFormat.of().formatHex(firstChain));
        find(leaks, seen, "chain", new String(firstChain, StandardCharsets.ISO_8859_1));
        return leaks;
    }

    private static void find(List<String> leaks, String seen, String kind, String secret) {
        if (seen.contains(secret)) {
            leaks.add(kind + ": " + secret.substring(0, Math.min(24, secret.length())));
        }
    }

    /** UTF-8 bytes as the ISO-8859-1 string the recording is searched in. */
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
