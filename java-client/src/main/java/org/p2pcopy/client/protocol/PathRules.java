package org.p2pcopy.client.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Which manifest paths are allowed (docs/protocol.md §5): relative, '/'-separated, no way up, nothing
 * a file system could read as a drive, a separator or the end of a string.
 */
public final class PathRules {
    public static final int MAX_ELEMENT_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;

    private PathRules() {
    }

    /** Returns why {@code path} is not allowed, or null when it is. */
    public static String problem(String path) {
        if (path.isEmpty()) {
            return "an empty path";
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(path)) {
            // A lone surrogate has no UTF-8 form: on disk it would become '?', and two paths one name.
            return "a path that is not valid Unicode";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "a path longer than " + MAX_PATH_BYTES + " bytes";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "a control character in the path";
            }
            if (c == '\\' || c == ':') {
                return "'" + c + "' in the path";
            }
        }
        for (String element : path.split("/", -1)) {
            if (element.isEmpty()) {
                return "an absolute path or an empty element";
            }
            if (element.equals(".") || element.equals("..")) {
                return "'" + element + "' as a path element";
            }
            if (element.getBytes(StandardCharsets.UTF_8).length > MAX_ELEMENT_BYTES) {
                return "a name longer than " + MAX_ELEMENT_BYTES + " bytes";
            }
        }
        return null;
    }

    public static void check(String path) throws ProtocolException {
        String problem = problem(path);
        if (problem != null) {
            throw new ProtocolException(ErrorCode.BAD_PATH, "refused path \"" + printable(path) + "\": " + problem);
        }
    }

    /** The path with control characters escaped, so that a hostile name cannot mess up a terminal. */
    public static String printable(String path) {
        StringBuilder out = new StringBuilder();
        path.codePoints().limit(200).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
