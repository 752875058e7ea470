package org.p2pcopy.client.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FrameCipherTest {
    private static final byte[] KEY = new byte[FrameCipher.KEY_BYTES];
    private static final byte[] TAG_S = "s>r\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG_R = "r>s\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD = "chunk 0".getBytes(StandardCharsets.US_ASCII);

    static {
        new Random(1).nextBytes(KEY);
    }

    @Test
    void roundTripsRecordsOfEverySize() throws Exception {
        FrameCipher sealer = FrameCipher.forSealing(KEY, TAG_S);
        FrameCipher opener = FrameCipher.forOpening(KEY, TAG_S);
        for (int size : new int[] {0, 1, 15, 16, 17, 16 * 1024, FrameCipher.RECORD_BYTES}) {
            byte[] plain = random(size, size);
            byte[] sealed = seal(sealer, AAD, plain);
            assertEquals(size + FrameCipher.TAG_BYTES, sealed.length);
            assertArrayEquals(plain, open(opener, AAD, sealed));
        }
        assertEquals(7, sealer.nextSequence());
        assertEquals(7, opener.nextSequence());
    }

    @Test
    void worksOnDirectBuffersAndLeavesPositionsAfterTheRecord() throws Exception {
        byte[] plain = random(1000, 1);
        ByteBuffer in = ByteBuffer.allocateDirect(1000).put(plain).flip();
        ByteBuffer sealed = ByteBuffer.allocateDirect(1016);
        assertEquals(1016, FrameCipher.forSealing(KEY, TAG_S).seal(AAD, in, sealed));
        assertEquals(0, in.remaining());
        ByteBuffer out = ByteBuffer.allocateDirect(1000);
        assertEquals(1000, FrameCipher.forOpening(KEY, TAG_S).open(AAD, sealed.flip(), out));
        byte[] back = new byte[1000];
        out.flip().get(back);
        assertArrayEquals(plain, back);
    }

    @Test
    void theNonceIsTheDirectionTagThenTheBigEndianCounter() throws Exception {
        // Seal record 2 and open it with a plain JCA cipher given the nonce spelled out by hand.
        FrameCipher sealer = FrameCipher.forSealing(KEY, TAG_S);
        seal(sealer, AAD, new byte[1]);
        seal(sealer, AAD, new byte[1]);
        byte[] plain = random(100, 3);
        byte[] sealed = seal(sealer, AAD, plain);
        byte[] nonce = HexFormat.of().parseHex(HexFormat.of().formatHex(TAG_S) + "0000000000000002");
        Cipher jca = Cipher.getInstance("AES/GCM/NoPadding");
        jca.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
        jca.updateAAD(AAD);
        assertArrayEquals(plain, jca.doFinal(sealed));
    }

    @Test
    void anyAlteredByteFailsAuthentication() throws Exception {
        byte[] plain = random(300, 4);
        byte[] sealed = seal(FrameCipher.forSealing(KEY, TAG_S), AAD, plain);
        for (int at : new int[] {0, 150, 299, 300, 315}) { // ciphertext and tag
            byte[] altered = sealed.clone();
            altered[at] ^= 0x01;
            assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(KEY, TAG_S), AAD, altered),
                    "byte " + at);
        }
        byte[] otherAad = AAD.clone();
        otherAad[6] = '1';
        assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(KEY, TAG_S), otherAad, sealed));
        assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(KEY, TAG_S), null, sealed));
        assertThrows(AEADBadTagException.class,
                () -> open(FrameCipher.forOpening(KEY, TAG_S), AAD, Arrays.copyOf(sealed, sealed.length - 1)));
        assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(KEY, TAG_S), AAD, new byte[15]));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(otherKey, TAG_S), AAD, sealed));
    }

    @Test
    void aFailedRecordLeavesNothingInTheOutputAndClosesTheDirection() throws Exception {
        FrameCipher sealer = FrameCipher.forSealing(KEY, TAG_S);
        byte[] first = seal(sealer, AAD, random(64, 5));
        byte[] second = seal(sealer, AAD, random(64, 6));
        first[3] ^= 1;
        FrameCipher opener = FrameCipher.forOpening(KEY, TAG_S);
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThrows(AEADBadTagException.class, () -> opener.open(AAD, ByteBuffer.wrap(first), out));
        assertEquals(0, out.position());
        assertArrayEquals(new byte[64], out.array());
        assertThrows(IllegalStateException.class, () -> open(opener, AAD, second));
    }

    @Test
    void aReplayedOrReorderedRecordFails() throws Exception {
        FrameCipher sealer = FrameCipher.forSealing(KEY, TAG_S);
        byte[] r0 = seal(sealer, AAD, random(50, 7));
        byte[] r1 = seal(sealer, AAD, random(50, 8));

        FrameCipher replayed = FrameCipher.forOpening(KEY, TAG_S);
        open(replayed, AAD, r0);
        assertThrows(AEADBadTagException.class, () -> open(replayed, AAD, r0));

        FrameCipher reordered = FrameCipher.forOpening(KEY, TAG_S);
        assertThrows(AEADBadTagException.class, () -> open(reordered, AAD, r1));

        FrameCipher inOrder = FrameCipher.forOpening(KEY, TAG_S);
        open(inOrder, AAD, r0);
        open(inOrder, AAD, r1);
    }

    @Test
    void directionsNeverShareANonceEvenUnderOneKey() throws Exception {
        byte[] plain = random(64, 9);
        byte[] fromSender = seal(FrameCipher.forSealing(KEY, TAG_S), AAD, plain);
        byte[] fromReceiver = seal(FrameCipher.forSealing(KEY, TAG_R), AAD, plain);
        // Same key, counter and plaintext, different tag: different keystream, and neither direction's
        // record opens as the other's (a reflected record is refused).
        assertFalse(Arrays.equals(fromSender, fromReceiver));
        assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(KEY, TAG_R), AAD, fromSender));
        assertThrows(AEADBadTagException.class, () -> open(FrameCipher.forOpening(KEY, TAG_S), AAD, fromReceiver));
    }

    @Test
    void theCounterNeverWraps() throws Exception {
        FrameCipher sealer = new FrameCipher(true, KEY, TAG_S, -2L); // 2^64 - 2
        FrameCipher opener = new FrameCipher(false, KEY, TAG_S, -2L);
        open(opener, AAD, seal(sealer, AAD, new byte[8]));
        open(opener, AAD, seal(sealer, AAD, new byte[8])); // 2^64 - 1, the last nonce
        assertThrows(IllegalStateException.class, () -> seal(sealer, AAD, new byte[8]));
        assertThrows(IllegalStateException.class, () -> open(opener, AAD, new byte[24]));
    }

    @Test
    void refusesMisuse() {
        FrameCipher sealer = FrameCipher.forSealing(KEY, TAG_S);
        FrameCipher opener = FrameCipher.forOpening(KEY, TAG_S);
        assertThrows(IllegalStateException.class, () -> open(sealer, AAD, new byte[16]));
        assertThrows(IllegalStateException.class, () -> seal(opener, AAD, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> seal(sealer, AAD, new byte[FrameCipher.RECORD_BYTES + 1]));
        assertThrows(IllegalArgumentException.class,
                () -> sealer.seal(AAD, ByteBuffer.allocate(10), ByteBuffer.allocate(10 + FrameCipher.TAG_BYTES - 1)));
        assertThrows(IllegalArgumentException.class, () -> FrameCipher.forSealing(new byte[16], TAG_S));
        assertThrows(IllegalArgumentException.class, () -> FrameCipher.forSealing(KEY, new byte[8]));
    }

    private static byte[] seal(FrameCipher cipher, byte[] aad, byte[] plain) {
        ByteBuffer out = ByteBuffer.allocate(plain.length + FrameCipher.TAG_BYTES);
        cipher.seal(aad, ByteBuffer.wrap(plain), out);
        return out.array();
    }

    private static byte[] open(FrameCipher cipher, byte[] aad, byte[] sealed) throws AEADBadTagException {
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, sealed.length - FrameCipher.TAG_BYTES));
        int n = cipher.open(aad, ByteBuffer.wrap(sealed), out);
        return Arrays.copyOf(out.array(), n);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
