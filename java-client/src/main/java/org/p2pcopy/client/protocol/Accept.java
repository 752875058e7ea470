package org.p2pcopy.client.protocol;

import jakarta.json.bind.annotation.JsonbCreator;
import java.util.List;

/**
 * The receiver checked the manifest, made the folders and waits for the files (docs/protocol.md
 * §4.3); a resuming receiver lists what it already holds (§4.8).
 *
 * @param resume null when the receiver does not resume, so that the member is not written at all
 */
public record Accept(List<Held> resume) implements Message {
    // The canonical constructor is the one JSON-B must use; the other is for this code.
    @JsonbCreator
    public Accept {
        resume = resume == null ? null : List.copyOf(resume);
    }

    public Accept() {
        this(null);
    }

    /** What the receiver holds, empty when it does not resume. */
    public List<Held> held() {
        return resume == null ? List.of() : resume;
    }
}
