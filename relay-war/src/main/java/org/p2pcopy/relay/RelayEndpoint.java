package org.p2pcopy.relay;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay: pairs one sender with one receiver per room and forwards their frames unread. One
 * instance per connection; the rooms and limits live in {@link RoomRegistry}.
 */
@ServerEndpoint("/relay/{version}/{room}/{role}")
public class RelayEndpoint {
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class.getName());
    private static final String PEER = "p2p-copy.peer";
    /** Set while the connection is counted against the relay's cap, so that it is uncounted exactly once. */
    private static final String COUNTED = "p2p-copy.counted";
    private static final String REFUSED_FRAME = "p2p-copy.refused-frame";

    @OnOpen
    public void open(Session session, @PathParam("version") String version, @PathParam("room") String room,
            @PathParam("role") String roleName) {
        session.setMaxBinaryMessageBufferSize(RelaySettings.MAX_FRAME_BYTES);
        session.setMaxTextMessageBufferSize(RelaySettings.MAX_FRAME_BYTES);
        RoomRegistry registry = RoomRegistry.instance();
        ClientAddress client = session.getUserPrincipal() instanceof ClientAddress known ? known : ClientAddress.UNKNOWN;
        // Checked by UpgradeGate before the upgrade already, except on a server that skips filters for it.
        Refusal refusal = EndpointPath.refusal(version, room, roleName);
        if (refusal == null) {
            session.getUserProperties().put(COUNTED, Boolean.TRUE);
            refusal = registry.connected(client);
        }
        if (refusal != null) {
            refuse(session, refusal.code(), refusal.detail());
            return;
        }
        Peer peer = new Peer(session, room, Role.fromPath(roleName), client);
        session.getUserProperties().put(PEER, peer);
        registry.join(peer);
    }

    @OnMessage(maxMessageSize = RelaySettings.MAX_FRAME_BYTES)
    public void binary(ByteBuffer frame, Session session) {
        Peer peer = pairedPeerOrRefuse(session);
        if (peer == null) {
            return;
        }
        if (frame.remaining() > RelaySettings.MAX_FRAME_BYTES) {
            session.getUserProperties().put(REFUSED_FRAME, Boolean.TRUE);
            refuse(session, CloseCode.FRAME_TOO_LARGE, null);
            return;
        }
        int bytes = frame.remaining();
        try {
            peer.partner().sendBinary(frame);
        } catch (IOException e) {
            lostPartner(session, e);
            return;
        }
        counted(peer, bytes);
    }

    @OnMessage(maxMessageSize = RelaySettings.MAX_FRAME_BYTES)
    public void text(String frame, Session session) {
        Peer peer = pairedPeerOrRefuse(session);
        if (peer == null) {
            return;
        }
        try {
            peer.partner().sendText(frame);
        } catch (IOException e) {
            lostPartner(session, e);
            return;
        }
        // UTF-16 length: the log's byte counts are for sizing traffic, and text frames are small.
        counted(peer, frame.length());
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (session.getUserProperties().remove(COUNTED) != null) {
            RoomRegistry.instance().disconnected();
        }
        // The server enforces the frame cap itself (maxMessageSize) and closes with 1009 before the
        // relay sees the frame; counted here unless the relay's own check closed it (and counted it).
        if (reason.getCloseCode().getCode() == CloseCode.FRAME_TOO_LARGE.code()
                && session.getUserProperties().remove(REFUSED_FRAME) == null) {
            RelayEvents.current().refused(CloseCode.FRAME_TOO_LARGE.wireName());
        }
        Peer peer = (Peer) session.getUserProperties().get(PEER);
        if (peer != null) {
            int code = reason.getCloseCode().getCode();
            if (code == CloseCode.WRONG_CODE_FROM_PEER) {
                RoomRegistry.instance().wrongCodeReported(peer);
            }
            RoomRegistry.instance().leave(peer, String.valueOf(code));
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        // A connection that breaks is everyday business; anything else is the relay's own trouble.
        LOG.log(error instanceof IOException ? Level.FINE : Level.WARNING, "connection error", error);
        Peer peer = (Peer) session.getUserProperties().get(PEER);
        if (peer != null) {
            RoomRegistry.instance().leave(peer, "connection error: " + error.getClass().getSimpleName());
        }
        if (session.isOpen()) {
            refuse(session, CloseCode.BAD_REQUEST, null);
        }
    }

    private static void counted(Peer peer, int bytes) {
        peer.forwarded(bytes);
        RelayEvents.current().forwarded(bytes);
    }

    private static Peer pairedPeerOrRefuse(Session session) {
        Peer peer = (Peer) session.getUserProperties().get(PEER);
        if (peer == null || peer.partner() == null) {
            refuse(session, CloseCode.BAD_REQUEST, "frame sent before paired");
            return null;
        }
        return peer;
    }

    private static void lostPartner(Session session, IOException e) {
        LOG.log(Level.FINE, "forwarding failed: the partner is gone", e);
        refuse(session, CloseCode.PEER_LEFT, null);
    }

    private static void refuse(Session session, CloseCode code, String detail) {
        if (code != CloseCode.PEER_LEFT) {
            RelayEvents.current().refused(code.wireName());
        }
        try {
            session.close(code.reason(detail));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a connection that is already gone", e);
        }
    }
}
