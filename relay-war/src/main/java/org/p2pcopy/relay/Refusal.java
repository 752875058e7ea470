package org.p2pcopy.relay;

/** Why the relay turns a connection away: the close code (or its HTTP equivalent) and words for people. */
record Refusal(CloseCode code, String detail) {
}
