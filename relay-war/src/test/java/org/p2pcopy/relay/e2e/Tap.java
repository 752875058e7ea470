package org.p2pcopy.relay.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A man in the middle between the clients and the real relay, on 127.0.0.1: it forwards TCP both
 * ways and records every byte the relay sends to a client. The relay forwards each peer's frames to
 * the other, and WebSocket frames from a server are not masked, so the recording holds everything
 * the peers sent each other exactly as an operator of the relay could read it. It can also flip one
 * bit on its way to the receiver, as a tampering relay or network would.
 */
final class Tap implements AutoCloseable {
    private final ServerSocket server;
    private final int relayPort;
    private final long flipReceiverByteAt;
    private final boolean record;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    private Tap(int relayPort, boolean record, long flipReceiverByteAt) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.relayPort = relayPort;
        this.record = record;
        this.flipReceiverByteAt = flipReceiverByteAt;
        this.acceptor = new Thread(this::accept, "tap-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Records what the relay sends to the clients. */
    static Tap recording(int relayPort) throws IOException {
        return new Tap(relayPort, true, -1);
    }

    /** Flips the lowest bit of the byte at {@code offset} of what the relay sends to the receiver. */
    static Tap flippingReceiverByte(int relayPort, long offset) throws IOException {
        return new Tap(relayPort, false, offset);
    }

    String wsBase() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    /** Everything the relay sent to the clients so far, connections one after the other. */
    byte[] recorded() {
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket relay = new Socket(InetAddress.getLoopbackAddress(), relayPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(relay);
                }
                CountDownLatch roleKnown = new CountDownLatch(1);
                boolean[] receiver = new boolean[1];
                start(() -> upstream(client, relay, receiver, roleKnown));
                start(() -> downstream(relay, client, receiver, roleKnown));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Client to relay, unchanged; the upgrade request's path tells whether this is the receiver. */
    private void upstream(Socket client, Socket relay, boolean[] receiver, CountDownLatch roleKnown) {
        try (InputStream in = client.getInputStream(); OutputStream out = relay.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n = in.read(buffer);
            if (n > 0) {
                receiver[0] = new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("/receive HTTP");
            }
            roleKnown.countDown();
            while (n >= 0) {
                out.write(buffer, 0, n);
                n = in.read(buffer);
            }
        } catch (IOException e) {
            // One side went away: the other pump ends too.
        } finally {
            roleKnown.countDown();
            closeQuietly(relay);
        }
    }

    private void downstream(Socket relay, Socket client, boolean[] receiver, CountDownLatch roleKnown) {
        try (InputStream in = relay.getInputStream(); OutputStream out = client.getOutputStream()) {
            roleKnown.await();
            byte[] buffer = new byte[64 * 1024];
            long offset = 0;
            for (int n; (n = in.read(buffer)) >= 0; offset += n) {
                if (receiver[0] && flipReceiverByteAt >= offset && flipReceiverByteAt < offset + n) {
                    buffer[(int) (flipReceiverByteAt - offset)] ^= 1;
                }
                if (record) {
                    synchronized (recorded) {
                        recorded.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | InterruptedException e) {
            // One side went away: the other pump ends too.
        } finally {
            closeQuietly(client);
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "tap-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            sockets.forEach(Tap::closeQuietly);
        }
    }
}
