package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The close code a peer sends the relay (docs/protocol.md §2.3), on a WebSocket that records it. */
class RelayConnectionCloseTest {
    private final Inbox inbox = new Inbox();
    private final RecordingSocket socket = new RecordingSocket();
    private final RelayConnection relay = new RelayConnection(URI.create("ws://relay.test/relay/v1/7/send"),
            HttpClient.newHttpClient(), socket, inbox);

    @Test
    void closesNormallyByDefault() {
        relay.close();

        assertEquals(List.of(WebSocket.NORMAL_CLOSURE), socket.closeCodes);
    }

    @Test
    void closesWith4100AfterAWrongCode() {
        relay.closeAs(PeerCloseCode.WRONG_CODE);
        relay.close();

        assertEquals(List.of(4100), socket.closeCodes);
    }

    @Test
    void aSealedChannelPassesTheCodeOn() {
        new SealedChannel(relay, null, null).closeAs(PeerCloseCode.WRONG_CODE);
        relay.close();

        assertEquals(List.of(4100), socket.closeCodes);
    }

    /** Records the close frames sent; the relay answers each at once, as a real one does. */
    private final class RecordingSocket implements WebSocket {
        final List<Integer> closeCodes = new ArrayList<>();

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            closeCodes.add(statusCode);
            inbox.onClose(this, statusCode, "");
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return !closeCodes.isEmpty();
        }

        @Override
        public boolean isInputClosed() {
            return !closeCodes.isEmpty();
        }

        @Override
        public void abort() {
        }
    }
}
