package org.p2pcopy.client.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869 Appendix A, test cases 1-3 (the SHA-256 ones). */
class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void case1Basic() {
        check(repeat(0x0b, 22), range(0x00, 0x0c), range(0xf0, 0xf9), 42,
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void case2LongInputsAndOutput() {
        check(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82,
                "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void case3EmptySaltAndInfo() {
        check(repeat(0x0b, 22), new byte[0], new byte[0], 42,
                "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
        // A null salt is the same as an empty one: HashLen zeros (RFC 5869 §2.2).
        assertArrayEquals(Hkdf.extract(new byte[0], repeat(0x0b, 22)), Hkdf.extract(null, repeat(0x0b, 22)));
    }

    @Test
    void refusesLengthsBeyond255Blocks() {
        byte[] prk = Hkdf.extract(null, new byte[1]);
        assertEquals(Hkdf.MAX_LENGTH, Hkdf.expand(prk, null, Hkdf.MAX_LENGTH).length);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.expand(prk, null, Hkdf.MAX_LENGTH + 1));
    }

    private static void check(byte[] ikm, byte[] salt, byte[] info, int length, String prk, String okm) {
        assertEquals(prk, HEX.formatHex(Hkdf.extract(salt, ikm)));
        assertEquals(okm, HEX.formatHex(Hkdf.expand(HEX.parseHex(prk), info, length)));
        assertEquals(okm, HEX.formatHex(Hkdf.derive(salt, ikm, info, length)));
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** first..last inclusive, as the RFC writes them (0x00..0x0c). */
    private static byte[] range(int first, int last) {
        byte[] bytes = new byte[last - first + 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
