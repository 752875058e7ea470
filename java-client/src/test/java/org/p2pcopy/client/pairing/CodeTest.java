package org.p2pcopy.client.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;

/** Codes beyond the vectors, which hold ASCII only. */
class CodeTest {
    /**
     * docs/protocol.md §1 allows no whitespace in a code, not only ASCII whitespace: a code pasted
     * from a chat with a no-break space would otherwise fail later as a wrong code.
     */
    @TestFactory
    Stream<DynamicTest> unicodeWhitespaceIsRefused() {
        return Stream.of("\u00a0", "\u2003", "\u3000", "\u0085").map(space -> DynamicTest.dynamicTest(
                String.format("U+%04X", (int) space.charAt(0)), () -> assertEquals(Failure.USAGE,
                        assertThrows(TransferException.class, () -> Code.parse("7-crayon" + space + "orbit"))
                                .failure())));
    }
}
