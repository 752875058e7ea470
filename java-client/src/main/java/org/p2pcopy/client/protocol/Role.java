package org.p2pcopy.client.protocol;

/** The two peers of a transfer, as named in hello messages and in the relay endpoint. */
public enum Role {
    SENDER("sender", "send"),
    RECEIVER("receiver", "receive");

    private final String wireName;
    private final String pathSegment;

    Role(String wireName, String pathSegment) {
        this.wireName = wireName;
        this.pathSegment = pathSegment;
    }

    /** The name in hello messages and the proof label: {@code sender}, {@code receiver}. */
    public String wireName() {
        return wireName;
    }

    /** The role's segment in the relay endpoint path: {@code send}, {@code receive}. */
    public String pathSegment() {
        return pathSegment;
    }

    public Role other() {
        return this == SENDER ? RECEIVER : SENDER;
    }

    public static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        return null;
    }
}
