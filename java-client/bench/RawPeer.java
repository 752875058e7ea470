import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's baseline: a peer that speaks only the relay's part of the protocol. The sender
 * pushes BYTES of zeros in 1 MiB frames as fast as the relay takes them, the receiver counts them.
 * What the relay forwards for this pair is the ceiling for p2p-copy on the same relay.
 *
 * Usage: java RawPeer.java send|receive ENDPOINT_BASE ROOM BYTES   (e.g. ws://127.0.0.1:8080 raw 1073741824)
 */
public class RawPeer {
    public static void main(String[] args) throws Exception {
        String role = args[0];
        long bytes = Long.parseLong(args[3]);
        URI endpoint = URI.create(args[1] + "/relay/v1/" + args[2] + "/" + role);
        CountDownLatch paired = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (data.toString().contains("paired")) {
                    paired.countDown();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                if (received.addAndGet(data.remaining()) >= bytes) {
                    done.countDown();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                done.countDown();
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, listener).get();
        paired.await();
        long start = System.nanoTime();
        if (role.equals("send")) {
            ByteBuffer frame = ByteBuffer.allocate(1024 * 1024);
            CompletableFuture<WebSocket> last = CompletableFuture.completedFuture(ws);
            for (long sent = 0; sent < bytes; sent += frame.capacity()) {
                last.get();
                last = ws.sendBinary(frame.clear().limit((int) Math.min(frame.capacity(), bytes - sent)), true);
            }
            last.get();
            // The receiver closes once it has counted everything; that close ends the sender too.
            done.await();
        } else {
            done.await();
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("%s %d bytes in %.2f s: %.1f MB/s%n", role, "send".equals(role) ? bytes : received.get(),
                seconds, bytes / seconds / 1e6);
    }
}
