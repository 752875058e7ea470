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
import java.util.regex.Pattern;

/**
 * The relay: pairs one sender with one receiver per room and forwards their frames unread. One
 * instance per connection; the rooms live in {@link RoomRegistry}.
 */
@ServerEndpoint("/relay/{version}/{room}/{role}")
public class RelayEndpoint {
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class.getName());
    private static final String PEER = "p2p-copy.peer";
    private static final String VERSION = "v1";
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_]{1,64}");

    @OnOpen
    public void open(Session session, @PathParam("version") String version, @PathParam("room") String room,
            @PathParam("role") String roleName) {
        session.setMaxBinaryMessageBufferSize(RelaySettings.MAX_FRAME_BYTES);
        session.setMaxTextMessageBufferSize(RelaySettings.MAX_FRAME_BYTES);
        Role role = Role.fromPath(roleName);
        if (!VERSION.equals(version)) {
            refuse(session, CloseCode.UNSUPPORTED_VERSION, "this relay speaks " + VERSION);
        } else if (role == null || !ROOM.matcher(room).matches()) {
            refuse(session, CloseCode.BAD_REQUEST, "expected /relay/v1/ROOM/send or /relay/v1/ROOM/receive");
        } else {
            Peer peer = new Peer(session, room, role);
            session.getUserProperties().put(PEER, peer);
            RoomRegistry.instance().join(peer);
        }
    }

    @OnMessage(maxMessageSize = RelaySettings.MAX_FRAME_BYTES)
    public void binary(ByteBuffer frame, Session session) {
        Peer partner = partnerOrRefuse(session);
        if (partner == null) {
            return;
        }
        if (frame.remaining() > RelaySettings.MAX_FRAME_BYTES) {
            refuse(session, CloseCode.FRAME_TOO_LARGE, null);
            return;
        }
        try {
            partner.sendBinary(frame);
        } catch (IOException e) {
            lostPartner(session, e);
        }
    }

    @OnMessage(maxMessageSize = RelaySettings.MAX_FRAME_BYTES)
    public void text(String frame, Session session) {
        Peer partner = partnerOrRefuse(session);
        if (partner == null) {
            return;
        }
        try {
            partner.sendText(frame);
        } catch (IOException e) {
            lostPartner(session, e);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Peer peer = (Peer) session.getUserProperties().get(PEER);
        if (peer != null) {
            RoomRegistry.instance().leave(peer);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.FINE, "connection error", error);
        Peer peer = (Peer) session.getUserProperties().get(PEER);
        if (peer != null) {
            RoomRegistry.instance().leave(peer);
        }
        if (session.isOpen()) {
            refuse(session, CloseCode.BAD_REQUEST, null);
        }
    }

    private static Peer partnerOrRefuse(Session session) {
        Peer peer = (Peer) session.getUserProperties().get(PEER);
        Peer partner = peer == null ? null : peer.partner();
        if (partner == null) {
            refuse(session, CloseCode.BAD_REQUEST, "frame sent before paired");
        }
        return partner;
    }

    private static void lostPartner(Session session, IOException e) {
        LOG.log(Level.FINE, "forwarding failed: the partner is gone", e);
        refuse(session, CloseCode.PEER_LEFT, null);
    }

    private static void refuse(Session session, CloseCode code, String detail) {
        try {
            session.close(code.reason(detail));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a connection that is already gone", e);
        }
    }
}
