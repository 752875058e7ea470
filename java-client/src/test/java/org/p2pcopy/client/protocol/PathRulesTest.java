package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the JSON vectors cannot carry: a UTF-8 file cannot hold a lone surrogate. */
class PathRulesTest {
    @Test
    void aLoneSurrogateIsRefusedAndAPairIsNot() {
        for (String path : new String[] {"a\ud800", "a\udc00b", "dir/\udbff", "\udfff"}) {
            assertEquals("a path that is not valid Unicode", PathRules.problem(path), path);
        }
        assertNull(PathRules.problem("emoji \ud83d\ude00.txt"));
    }
}
