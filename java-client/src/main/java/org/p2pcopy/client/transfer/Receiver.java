package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.TransferSummary;
import org.p2pcopy.client.compression.ChunkDecompressor;
import org.p2pcopy.client.crypto.CipherWarmUp;
import org.p2pcopy.client.crypto.ScalarSource;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.Accept;
import org.p2pcopy.client.protocol.Ack;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.End;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.FileBegin;
import org.p2pcopy.client.protocol.FileEnd;
import org.p2pcopy.client.protocol.HashChain;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Manifest;
import org.p2pcopy.client.protocol.Message;
import org.p2pcopy.client.protocol.PathRules;
import org.p2pcopy.client.protocol.ProtocolException;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.FrameChannel;

/**
 * The receiving side of a transfer: checks the manifest against the output folder, then verifies
 * every chunk as it arrives and gives each file its name only once the whole file verified; the
 * final acknowledgement tells the sender that all of it is in place (docs/protocol.md §4).
 */
public final class Receiver {
    /** A cap on the manifest, so that a hostile sender cannot fill memory with entries. */
    static final int MAX_ENTRIES = 10_000_000;
    /** A receiver always offers encryption and compression: whether each is used is the sender's choice. */
    static final List<String> CAPABILITIES = List.of(Hello.ENCRYPTION, Hello.ZSTD);

    private final Conversation conversation;
    private final OutputTree output;
    private final TransferListener listener;
    private final HashChain chain = new HashChain();
    private final Committer committer;
    private final List<String> capabilities;
    // Null unless both hellos listed zstd: then a chunk marked compressed is a protocol error.
    private ChunkDecompressor decompressor;
    private final ResumeTally resumed = new ResumeTally();
    private Holdings holdings = Holdings.NONE;
    private long bytesDone;
    private long wireBytes;
    private long totalBytes;

    public Receiver(FrameChannel relay, Code code, OutputTree output, TransferListener listener) {
        this(relay, code, output, listener, ScalarSource.random());
    }

    /** With a fixed SPAKE2 secret, for tests only. */
    Receiver(FrameChannel relay, Code code, OutputTree output, TransferListener listener, ScalarSource secrets) {
        this(relay, code, output, listener, secrets, CAPABILITIES);
    }

    /** Offering other capabilities than a receiver does, for test vectors and tests of the sender only. */
    Receiver(FrameChannel relay, Code code, OutputTree output, TransferListener listener, ScalarSource secrets,
            List<String> capabilities) {
        this.capabilities = List.copyOf(capabilities);
        this.conversation = new Conversation(relay, code, Role.RECEIVER, secrets);
        this.output = output;
        this.listener = listener;
        this.committer = new Committer(output, listener);
    }

    public TransferSummary run() throws TransferException {
        Conversation.Negotiated negotiated = conversation.handshake(capabilities);
        if (negotiated.compressed()) {
            decompressor = new ChunkDecompressor();
        }
        try {
            return transfer(negotiated);
        } catch (TransferException e) {
            throw withResumeHint(e);
        } finally {
            if (decompressor != null) {
                decompressor.close();
            }
        }
    }

    /** A transfer that stopped with data kept tells how to continue it. */
    private TransferException withResumeHint(TransferException e) {
        int kept = output.keptPartials();
        if (kept == 0) {
            return e;
        }
        return new TransferException(e.failure(), e.getMessage() + "; the verified part of " + kept
                + (kept == 1 ? " file stays" : " files stays") + " in " + output.root()
                + ": receive again with --resume to continue", e);
    }

    private TransferSummary transfer(Conversation.Negotiated negotiated) throws TransferException {
        boolean sealed = negotiated.sealed();
        if (sealed) {
            listener.status("code confirmed by the sender; end-to-end encrypted (SPAKE2, AES-256-GCM)");
        } else {
            listener.warning("the sender turned encryption off (--no-encrypt): file names, sizes and contents "
                    + "cross the relay in clear, and the relay could alter them unnoticed");
        }
        List<Entry> entries = receiveManifest();
        List<Entry> files = entries.stream().filter(Entry::isFile).toList();
        totalBytes = files.stream().mapToLong(Entry::size).sum();
        if (sealed) {
            CipherWarmUp.startIfWorthwhile(totalBytes);
        }
        try {
            output.check(entries);
            output.createFolders(entries);
            if (output.resuming()) {
                long checking = System.nanoTime();
                holdings = Holdings.scan(output, files, listener);
                resumed.checkedSince(checking);
            }
        } catch (ProtocolException e) {
            throw conversation.stop(e);
        }
        conversation.send(new Accept(output.resuming() ? holdings.held() : null));
        listener.started(files.size(), entries.size() - files.size(), totalBytes);
        long start = System.nanoTime();
        try (committer) {
            for (int index = 0; index < files.size(); index++) {
                receiveFile(index, files.get(index));
            }
            committer.finish();
        } catch (ProtocolException e) {
            throw conversation.stop(e);
        }
        End end = conversation.expect(End.class, "end");
        if (end.files() != files.size() || end.bytes() != totalBytes) {
            throw conversation.stop(new ProtocolException(ErrorCode.INTEGRITY, "the sender announced " + end.files()
                    + " files and " + end.bytes() + " bytes at the end, but " + files.size() + " files and "
                    + totalBytes + " bytes in the manifest"));
        }
        conversation.send(new Ack(files.size(), totalBytes));
        conversation.relay().flush();
        return new TransferSummary(files.size(), entries.size() - files.size(), totalBytes,
                Duration.ofNanos(System.nanoTime() - start), wireBytes, negotiated.compressed(), resumed.result());
    }

    private List<Entry> receiveManifest() throws TransferException {
        List<Entry> entries = new ArrayList<>();
        while (true) {
            Manifest manifest = conversation.expect(Manifest.class, "manifest");
            entries.addAll(manifest.entries());
            if (entries.size() > MAX_ENTRIES) {
                throw conversation.stop(new ProtocolException("a manifest of more than " + MAX_ENTRIES + " entries"));
            }
            if (!manifest.more()) {
                return entries;
            }
        }
    }

    private void receiveFile(int index, Entry entry) throws TransferException {
        Message message = conversation.receiveMessage();
        if (!(message instanceof FileBegin begin) || begin.index() != index || !begin.path().equals(entry.path())
                || begin.size() != entry.size()) {
            throw conversation.stop(new ProtocolException("expected the start of file " + index + " ("
                    + PathRules.printable(entry.path()) + "), got " + Conversation.describe(message)));
        }
        PartialFile file = null;
        try {
            Holdings.Holding held = continuation(index, entry, begin.start());
            if (held != null && held.complete()) {
                confirmComplete(index, entry, held);
                return;
            }
            chain.reset();
            if (held != null) {
                chain.resumeAt(held.chain());
            }
            file = output.create(entry.path(), begin.start());
            FileEnd end = receiveChunks(index, entry, file, begin.start());
            String digest = HexFormat.of().formatHex(chain.value());
            if (!end.digest().equals(digest)) {
                throw new ProtocolException(ErrorCode.INTEGRITY, PathRules.printable(entry.path())
                        + ": the file's digest does not match its chunks");
            }
            PartialFile verified = file;
            file = null;
            committer.submit(verified, entry.size(), digest);
        } catch (ProtocolException e) {
            throw conversation.stop(e);
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    /**
     * What the file continues from, as the sender decided on what this receiver listed
     * (docs/protocol.md §4.8): null for a fresh start.
     */
    private Holdings.Holding continuation(int index, Entry entry, long offset) throws ProtocolException {
        Holdings.Holding held = holdings.get(index);
        String path = PathRules.printable(entry.path());
        if (held == null || (offset == 0 && held.size() > 0)) {
            if (offset != 0) {
                throw new ProtocolException(path + ": the sender continues at byte " + offset
                        + ", but nothing of the file was listed as held");
            }
            if (held != null) {
                replaceHeld(path, held);
            }
            return null;
        }
        if (offset != held.size()) {
            throw new ProtocolException(path + ": the sender continues at byte " + offset + ", but " + held.size()
                    + " bytes were listed as held");
        }
        resumed.continuedAt(offset, entry.size());
        bytesDone += offset;
        listener.resumed(entry.path(), offset, entry.size());
        return held;
    }

    /** The sender's file is not what was held: it changed on one side since the interrupted transfer. */
    private void replaceHeld(String path, Holdings.Holding held) throws ProtocolException {
        if (held.complete() && !output.overwrites()) {
            throw new ProtocolException(ErrorCode.EXISTS, path + " in " + output.root() + " is not the sender's "
                    + "file (one of them changed since); receive with --overwrite to replace it");
        }
        resumed.restarted();
        listener.warning(path + (held.complete() ? " in " + output.root() + " is" : ": the data kept from the "
                + "interrupted transfer is") + " not the sender's file (one of them changed since); receiving it "
                + "again from the start");
    }

    /** A file that was complete already: its file_end comes at once and must carry the digest listed. */
    private void confirmComplete(int index, Entry entry, Holdings.Holding held) throws TransferException,
            ProtocolException {
        Message message = conversation.receiveMessage();
        String digest = HexFormat.of().formatHex(held.chain());
        long chunks = ChunkFrame.chunksIn(entry.size());
        if (!(message instanceof FileEnd end) || end.index() != index || end.chunks() != chunks
                || end.size() != entry.size() || !end.digest().equals(digest)) {
            throw new ProtocolException(ErrorCode.INTEGRITY, PathRules.printable(entry.path()) + ": the sender "
                    + "skipped the file as complete here, then ended it with "
                    + Conversation.describe(message) + " that does not match it");
        }
        output.removePartial(entry.path());
        listener.fileVerified(entry.path(), entry.size(), digest);
    }

    /** Writes the chunks of one file, checking each at once, and returns its file_end. */
    private FileEnd receiveChunks(int index, Entry entry, PartialFile file, long offset)
            throws TransferException, ProtocolException {
        long seq = ChunkFrame.chunksIn(offset);
        long received = offset;
        while (true) {
            Object next = conversation.receive();
            if (next instanceof FileEnd end) {
                if (end.index() != index || end.chunks() != seq || end.size() != received || received != entry.size()) {
                    throw new ProtocolException(ErrorCode.INTEGRITY, PathRules.printable(entry.path()) + ": "
                            + received + " bytes in " + seq + " chunks arrived, but the file has " + entry.size()
                            + " bytes and the sender counted " + end.size() + " in " + end.chunks());
                }
                return end;
            }
            if (!(next instanceof Incoming.Binary binary)) {
                throw new ProtocolException("expected a chunk or the end of file " + index + ", got "
                        + Conversation.describe((Message) next));
            }
            try {
                ChunkFrame chunk = ChunkFrame.decode(binary.data());
                ByteBuffer data = fileBytes(chunk, seq, entry, entry.size() - received);
                int length = data.remaining();
                if (!chain.advanceIfMatches(data, chunk.chain())) {
                    throw new ProtocolException(ErrorCode.INTEGRITY, PathRules.printable(entry.path()) + ": chunk " + seq
                            + " does not match its checksum chain");
                }
                wireBytes += chunk.payload().remaining();
                file.write(data);
                seq++;
                received += length;
                bytesDone += length;
                listener.progress(bytesDone, totalBytes);
            } catch (IOException e) {
                throw OutputTree.writeFailure(entry.path(), e);
            } finally {
                conversation.relay().release(binary);
            }
        }
    }

    /**
     * The file's bytes that chunk {@code seq} carries, decompressed if it is marked so, after the
     * checks that need no hashing: its number, that compression was agreed, and that it does not
     * overrun the file ({@code remaining} bytes left).
     */
    private ByteBuffer fileBytes(ChunkFrame chunk, long seq, Entry entry, long remaining) throws ProtocolException {
        chunk.requireCompressionAgreed(decompressor != null);
        if (chunk.number() != seq) {
            throw new ProtocolException(ErrorCode.INTEGRITY, PathRules.printable(entry.path()) + ": chunk "
                    + Long.toUnsignedString(chunk.number()) + " arrived where chunk " + seq + " was due");
        }
        if (!chunk.compressed()) {
            if (chunk.payload().remaining() > remaining) {
                throw new ProtocolException(ErrorCode.INTEGRITY, PathRules.printable(entry.path())
                        + ": more bytes arrived than the " + entry.size() + " announced");
            }
            return chunk.payload();
        }
        try {
            return decompressor.decompress(chunk.payload(), remaining);
        } catch (ProtocolException e) {
            throw new ProtocolException(e.code(), PathRules.printable(entry.path()) + ": chunk " + seq + ": "
                    + e.getMessage());
        }
    }
}
