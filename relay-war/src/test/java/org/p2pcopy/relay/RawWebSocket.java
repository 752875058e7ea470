package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/**
 * A WebSocket client written by hand on a plain socket, for what no proper client sends: text that
 * is not UTF-8, reserved opcodes, unmasked frames, requests that never end. Loopback only.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;

    /** A frame from the relay; servers do not mask theirs. */
    record RawFrame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Random random = new Random();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    /** A TCP connection to the relay's HTTP port, with nothing sent yet. */
    static Socket socket(URL base) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), (int) WsPeer.TIMEOUT.toMillis());
            socket.setSoTimeout((int) WsPeer.TIMEOUT.toMillis());
            return socket;
        } catch (IOException e) {
            throw closed(socket, e);
        }
    }

    private static UncheckedIOException closed(Socket socket, IOException e) {
        try {
            socket.close();
        } catch (IOException closing) {
            e.addSuppressed(closing);
        }
        return new UncheckedIOException(e);
    }

    /** The upgrade request's head up to, not including, the blank line that ends it. */
    static String upgradeHead(URL base, String path, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("GET /relay/" + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(base.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(new byte[16])).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.toString();
    }

    /** Upgrades to a WebSocket at {@code /relay/{path}}, asserting the server agrees (101). */
    static RawWebSocket connect(URL base, String path, Map<String, String> headers) {
        Socket socket = socket(base);
        try {
            RawWebSocket raw = new RawWebSocket(socket);
            raw.out.write((upgradeHead(base, path, headers) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = raw.responseHead();
            assertTrue(response.startsWith("HTTP/1.1 101"), () -> "upgrade refused: " + response);
            return raw;
        } catch (IOException e) {
            throw closed(socket, e);
        }
    }

    /** Sends one whole frame, masked as a client must unless {@code masked} is false. */
    void send(int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        if (masked) {
            frame.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(int opcode, byte[] payload) {
        send(opcode, payload, true);
    }

    /** The next frame from the relay. */
    RawFrame read() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            return new RawFrame(first & 0x0f, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips frames up to the relay's close frame and returns its code; 1006 if the connection just ends. */
    int closeCode() {
        while (true) {
            RawFrame frame;
            try {
                frame = read();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof EOFException) {
                    return 1006;
                }
                throw e;
            }
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
    }

    private String responseHead() throws IOException {
        return head(in);
    }

    /** Reads an HTTP response head, through the blank line that ends it. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the response ended in its head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to release beyond the socket.
        }
    }
}
