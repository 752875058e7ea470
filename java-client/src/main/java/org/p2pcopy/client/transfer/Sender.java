package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.TransferSummary;
import org.p2pcopy.client.compression.ChunkCompressor;
import org.p2pcopy.client.compression.CompressionMode;
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
import org.p2pcopy.client.protocol.Held;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Manifest;
import org.p2pcopy.client.protocol.Message;
import org.p2pcopy.client.protocol.ProtocolException;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.FrameChannel;

/**
 * The sending side of a transfer: hello, manifest, every file as chunks, end, and then it waits for
 * the receiver's acknowledgement, without which it does not succeed (docs/protocol.md §4).
 */
public final class Sender {
    static final int MANIFEST_PART_BYTES = 256 * 1024;
    private final Conversation conversation;
    private final boolean encrypt;
    private final CompressionMode compression;
    private final SourceTree sources;
    private final TransferListener listener;
    private final HashChain chain = new HashChain();
    // Two buffers: one is read from disk and hashed while the other is on its way to the relay.
    private final ByteBuffer[] buffers = {
        ByteBuffer.allocate(ChunkFrame.MAX_FRAME_BYTES), ByteBuffer.allocate(ChunkFrame.MAX_FRAME_BYTES)
    };
    // With compression agreed: the compressed frames, two for the same reason; null until then.
    private ByteBuffer[] packed;
    private ChunkCompressor compressor;
    private final ResumeTally resumed = new ResumeTally();
    private long bytesSent;
    private boolean filesFlowing;
    private long wireBytes;

    /**
     * @param encrypt whether to seal the transfer end to end; false only for links the user trusts,
     *     and the receiver is told so
     * @param compression when to compress chunks, if the receiver offers zstd too
     */
    public Sender(FrameChannel relay, Code code, SourceTree sources, boolean encrypt, CompressionMode compression,
            TransferListener listener) {
        this(relay, code, sources, encrypt, compression, listener, ScalarSource.random());
    }

    /** With fixed SPAKE2 secrets, for test vectors only. */
    Sender(FrameChannel relay, Code code, SourceTree sources, boolean encrypt, CompressionMode compression,
            TransferListener listener, ScalarSource secrets) {
        this.conversation = new Conversation(relay, code, Role.SENDER, secrets);
        this.encrypt = encrypt;
        this.compression = compression;
        this.sources = sources;
        this.listener = listener;
    }

    public TransferSummary run() throws TransferException {
        List<String> capabilities = new ArrayList<>();
        if (encrypt) {
            capabilities.add(Hello.ENCRYPTION);
        }
        if (compression != CompressionMode.OFF) {
            capabilities.add(Hello.ZSTD);
        }
        Conversation.Negotiated negotiated = conversation.handshake(capabilities);
        if (negotiated.compressed()) {
            compressor = new ChunkCompressor(compression);
            int size = ChunkFrame.HEADER_BYTES + ChunkCompressor.MAX_FRAME_BYTES;
            packed = new ByteBuffer[] {ByteBuffer.allocate(size), ByteBuffer.allocate(size)};
        }
        try {
            return transfer(negotiated);
        } catch (TransferException e) {
            throw withResumeHint(e);
        } finally {
            if (compressor != null) {
                compressor.close();
            }
        }
    }

    /**
     * A transfer cut by the peer or the connection once files flowed: the receiver keeps what
     * verified, so the user can continue rather than start over.
     */
    private TransferException withResumeHint(TransferException e) {
        if (!filesFlowing || (e.failure() != Failure.PEER && e.failure() != Failure.RELAY)) {
            return e;
        }
        return new TransferException(e.failure(), e.getMessage() + "; to continue, run this send again and "
                + "receive with --resume", e);
    }

    private TransferSummary transfer(Conversation.Negotiated negotiated) throws TransferException {
        if (negotiated.sealed()) {
            listener.status("code confirmed by the receiver; end-to-end encrypted (SPAKE2, AES-256-GCM)");
        } else {
            listener.warning("encryption is off (--no-encrypt): file names, sizes and contents cross the relay "
                    + "in clear, and the relay could alter them unnoticed");
        }
        if (negotiated.compressed()) {
            listener.status("compressing chunks with zstd where that makes them smaller (--compress "
                    + compression.wireName() + ")");
        }
        sendManifest();
        Accept accept = conversation.expect(Accept.class, "accept");
        List<SourceEntry> files = sources.entries().stream().filter(entry -> !entry.isFolder()).toList();
        Map<Long, Held> held = heldByIndex(accept.held(), files);
        listener.started(sources.files(), sources.folders(), sources.bytes());
        filesFlowing = true;
        long start = System.nanoTime();
        for (int index = 0; index < files.size(); index++) {
            sendFile(index, files.get(index), held.get((long) index));
        }
        conversation.send(new End(sources.files(), sources.bytes()));
        listener.status("waiting for the receiver to confirm");
        Ack ack = conversation.expect(Ack.class, "ack");
        if (ack.files() != sources.files() || ack.bytes() != sources.bytes()) {
            throw conversation.stop(new ProtocolException(ErrorCode.INTEGRITY, "the receiver confirmed " + ack.files()
                    + " files and " + ack.bytes() + " bytes, but " + sources.files() + " files and "
                    + sources.bytes() + " bytes were sent"));
        }
        return new TransferSummary(sources.files(), sources.folders(), sources.bytes(),
                Duration.ofNanos(System.nanoTime() - start), wireBytes, negotiated.compressed(), resumed.result());
    }

    /** What a resuming receiver holds, after the checks of docs/protocol.md §4.8. */
    private Map<Long, Held> heldByIndex(List<Held> list, List<SourceEntry> files) throws TransferException {
        Map<Long, Held> held = new HashMap<>();
        long previous = -1;
        for (Held item : list) {
            if (item.index() <= previous || item.index() >= files.size()) {
                throw conversation.stop(new ProtocolException("the receiver lists file " + item.index()
                        + " as held, out of order or not in the manifest"));
            }
            long size = files.get((int) item.index()).size();
            if (item.size() % ChunkFrame.MAX_PAYLOAD_BYTES != 0 && item.size() != size) {
                throw conversation.stop(new ProtocolException("the receiver lists " + item.size() + " bytes of file "
                        + item.index() + " as held: neither whole chunks nor the file"));
            }
            held.put(item.index(), item);
            previous = item.index();
        }
        return held;
    }

    /**
     * Sends the manifest in parts of at most {@link Manifest#MAX_ENTRIES} entries and about
     * {@link #MANIFEST_PART_BYTES}, so that even a part of long paths stays far below the 1 MiB a
     * control message may have (docs/protocol.md §3).
     */
    private void sendManifest() throws TransferException {
        List<Entry> part = new ArrayList<>();
        int partBytes = 0;
        for (SourceEntry source : sources.entries()) {
            Entry entry = source.toEntry();
            // At worst JSON escapes every byte of the path; the other members take well under 64.
            int bytes = 2 * entry.path().getBytes(StandardCharsets.UTF_8).length + 64;
            if (!part.isEmpty() && (part.size() == Manifest.MAX_ENTRIES || partBytes + bytes > MANIFEST_PART_BYTES)) {
                conversation.send(new Manifest(part, true));
                part = new ArrayList<>();
                partBytes = 0;
            }
            part.add(entry);
            partBytes += bytes;
        }
        conversation.send(new Manifest(part, false));
    }

    private void sendFile(long index, SourceEntry entry, Held held) throws TransferException {
        chain.reset();
        if (compressor != null) {
            compressor.startFile();
        }
        try (FileChannel channel = FileChannel.open(entry.file(), StandardOpenOption.READ)) {
            long offset = held == null ? 0 : continuation(entry, held, channel);
            conversation.send(new FileBegin(index, entry.path(), entry.size(), offset));
            long seq = ChunkFrame.chunksIn(offset);
            long remaining = entry.size() - offset;
            while (remaining > 0) {
                ByteBuffer frame = buffers[(int) (seq & 1)];
                int length = (int) Math.min(ChunkFrame.MAX_PAYLOAD_BYTES, remaining);
                frame.clear().position(ChunkFrame.HEADER_BYTES).limit(ChunkFrame.HEADER_BYTES + length);
                if (!readFully(channel, frame)) {
                    throw changed(entry, "it became shorter");
                }
                byte[] chained = chain.next(frame.flip().position(ChunkFrame.HEADER_BYTES));
                ChunkFrame.writeHeader(frame, seq, chained);
                ByteBuffer out = compressed(frame, seq, chained, length);
                checkOnReceiver();
                sendChunk(out == null ? frame.position(0) : out);
                wireBytes += out == null ? length : out.limit() - ChunkFrame.HEADER_BYTES;
                seq++;
                remaining -= length;
                bytesSent += length;
                listener.progress(bytesSent, sources.bytes());
            }
            if (channel.read(ByteBuffer.allocate(1)) > 0) {
                throw changed(entry, "it grew");
            }
            checkUnchanged(entry);
            conversation.send(new FileEnd(index, seq, entry.size(), HexFormat.of().formatHex(chain.value())));
        } catch (NoSuchFileException e) {
            throw changed(entry, "it was deleted");
        } catch (IOException e) {
            throw conversation.stop(ErrorCode.IO, Failure.LOCAL_FILE, "cannot read " + entry.file() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Where the file continues: after what the receiver holds if that is this file's start, with
     * the chain and the channel positioned there; else 0, and the user is told.
     */
    private long continuation(SourceEntry entry, Held held, FileChannel channel) throws IOException {
        long checking = System.nanoTime();
        boolean same = PrefixChain.startsWith(chain, channel, entry.size(), held, buffers[0]);
        resumed.checkedSince(checking);
        if (same) {
            resumed.continuedAt(held.size(), entry.size());
            bytesSent += held.size();
            listener.resumed(entry.path(), held.size(), entry.size());
            return held.size();
        }
        chain.reset();
        channel.position(0);
        if (held.size() > 0) {
            resumed.restarted();
            listener.warning(entry.path() + " is not what the receiver kept of it (one of them changed since the "
                    + "interrupted transfer): sending it again from the start");
        }
        return 0;
    }

    /**
     * The chunk in {@code frame} as a compressed frame, or null to send it as it is: the chain stays
     * the one over the file's bytes, and the seq field gets bit 63.
     */
    private ByteBuffer compressed(ByteBuffer frame, long seq, byte[] chained, int length) {
        if (compressor == null) {
            return null;
        }
        ByteBuffer out = packed[(int) (seq & 1)].clear();
        int size = compressor.compress(frame.array(), frame.arrayOffset() + ChunkFrame.HEADER_BYTES, length,
                out.array(), out.arrayOffset() + ChunkFrame.HEADER_BYTES);
        if (size == 0) {
            return null;
        }
        ChunkFrame.writeHeader(out, seq | ChunkFrame.COMPRESSED, chained);
        return out.limit(ChunkFrame.HEADER_BYTES + size);
    }

    private void sendChunk(ByteBuffer frame) throws TransferException {
        try {
            conversation.relay().sendBinary(frame);
        } catch (TransferException e) {
            throw conversation.explainSendFailure(e);
        }
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The receiver only speaks while files flow to stop the transfer: hear it at once. */
    private void checkOnReceiver() throws TransferException {
        Object early = conversation.poll();
        if (early instanceof Incoming.Binary binary) {
            conversation.relay().release(binary);
            throw conversation.stop(new ProtocolException("the receiver sent a chunk"));
        }
        if (early != null) {
            throw conversation.stop(new ProtocolException("the receiver sent " + Conversation.describe((Message) early)
                    + " during the transfer"));
        }
    }

    private void checkUnchanged(SourceEntry entry) throws TransferException {
        try {
            BasicFileAttributes now = Files.readAttributes(entry.file(), BasicFileAttributes.class);
            if (now.size() != entry.size() || !now.lastModifiedTime().equals(entry.modified())) {
                throw changed(entry, "it was modified");
            }
        } catch (IOException e) {
            throw changed(entry, "it can no longer be read");
        }
    }

    private TransferException changed(SourceEntry entry, String how) {
        return conversation.stop(ErrorCode.CHANGED, Failure.LOCAL_FILE, entry.path() + " changed while it was being sent ("
                + how + "); send again once it is complete, the receiver with --resume to keep what arrived of the "
                + "other files");
    }
}
