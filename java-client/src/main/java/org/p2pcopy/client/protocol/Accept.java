package org.p2pcopy.client.protocol;

/** The receiver checked the manifest, made the folders and waits for the files (docs/protocol.md §4.3). */
public record Accept() implements Message {
}
