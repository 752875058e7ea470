import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.p2pcopy.client.crypto.FrameCipher;

/**
 * How fast the client's record cipher and SHA-256 are from the first byte of a fresh JVM, which is
 * what the first seconds of a transfer see (issue 4: GCM over 1 MiB records stayed slow for hundreds
 * of MiB before the JIT's intrinsic took over). Not a unit test: timing does not belong there.
 *
 * Usage: java -cp java-client/target/p2p-copy-client.jar java-client/bench/CryptoSpeed.java [RECORD_BYTES]
 *        (run `mvn -B -DskipTests package` first). Runs seal, open and sha256 each in its own fresh JVM,
 *        with the options the client's transfer JVM uses (-Xms16m -Xmx1g -XX:+UseSerialGC). One of them alone,
 *        in this JVM: ... CryptoSpeed.java seal|open|sha256 RECORD_BYTES
 *
 * Each pushes 1 GiB through in records of RECORD_BYTES (default and at most FrameCipher.RECORD_BYTES,
 * 16 KiB) and prints MB/s (10^6 bytes per second) for the first 256 MiB and for the remaining 768 MiB,
 * and every 64 MiB on one line.
 * The records that `open` opens are sealed, untimed, by BouncyCastle's own GCM, so that nothing warms
 * the JDK's GCM code before the timed part; that they open at all checks the nonce layout too.
 */
public class CryptoSpeed {
    static final long TOTAL = 1L << 30;
    static final long FIRST = 256L << 20;
    static final long STEP = 64L << 20;
    static int record = FrameCipher.RECORD_BYTES;
    static final List<String> CHILD_OPTIONS = List.of("-Xms16m", "-Xmx1g", "-XX:+UseSerialGC");

    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            record = Integer.parseInt(args[1]);
            run(args[0]);
            return;
        }
        if (args.length == 1) {
            record = Integer.parseInt(args[0]);
        }
        if (record <= 0 || record > FrameCipher.RECORD_BYTES || TOTAL % record != 0) {
            throw new IllegalArgumentException("a record size that divides 1 GiB, at most " + FrameCipher.RECORD_BYTES);
        }
        describeMachine();
        System.out.println("records of " + record + " bytes; each line below is a fresh JVM with " + String.join(" ", CHILD_OPTIONS));
        String java = ProcessHandle.current().info().command().orElse("java");
        String source = ProcessHandle.current().info().arguments().stream()
                .flatMap(Arrays::stream)
                .filter(a -> a.endsWith("CryptoSpeed.java")).findFirst()
                .orElseThrow(() -> new IllegalStateException("run me as a source file: java -cp JAR CryptoSpeed.java"));
        for (String mode : List.of("seal", "open", "sha256")) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(CHILD_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), source, mode, Integer.toString(record)));
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                System.exit(exit);
            }
        }
    }

    static void run(String mode) throws Exception {
        byte[] key = new byte[32];
        byte[] tag = {'b', 'e', 'n', 'c'};
        new Random(1).nextBytes(key);
        byte[] plain = new byte[record];
        new Random(2).nextBytes(plain);
        byte[] aad = new byte[8];
        Meter meter = new Meter(mode);
        switch (mode) {
            case "seal" -> {
                FrameCipher sealer = FrameCipher.forSealing(key, tag);
                ByteBuffer out = ByteBuffer.allocate(record + FrameCipher.TAG_BYTES);
                for (long done = 0; done < TOTAL; done += record) {
                    long t0 = System.nanoTime();
                    sealer.seal(aad, ByteBuffer.wrap(plain), out.clear());
                    meter.add(record, System.nanoTime() - t0);
                }
            }
            case "open" -> {
                FrameCipher opener = FrameCipher.forOpening(key, tag);
                GCMModeCipher reference = GCMBlockCipher.newInstance(AESEngine.newInstance());
                byte[] sealed = new byte[record + FrameCipher.TAG_BYTES];
                byte[] nonce = new byte[FrameCipher.NONCE_BYTES];
                System.arraycopy(tag, 0, nonce, 0, 4);
                ByteBuffer out = ByteBuffer.allocate(record);
                for (long n = 0, done = 0; done < TOTAL; n++, done += record) {
                    ByteBuffer.wrap(nonce, 4, 8).putLong(n);
                    reference.init(true, new AEADParameters(new KeyParameter(key), 128, nonce.clone(), aad));
                    int length = reference.processBytes(plain, 0, record, sealed, 0);
                    reference.doFinal(sealed, length);
                    long t0 = System.nanoTime();
                    opener.open(aad, ByteBuffer.wrap(sealed), out.clear());
                    meter.add(record, System.nanoTime() - t0);
                }
            }
            case "sha256" -> {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                for (long done = 0; done < TOTAL; done += record) {
                    long t0 = System.nanoTime();
                    sha256.update(plain);
                    meter.add(record, System.nanoTime() - t0);
                }
                sha256.digest();
            }
            default -> throw new IllegalArgumentException("seal, open or sha256, not " + mode);
        }
        meter.print();
    }

    /** Adds up bytes and nanoseconds, split at 256 MiB and every 64 MiB. */
    static final class Meter {
        final String name;
        long bytes;
        long firstNanos;
        long restNanos;
        long stepNanos;
        final List<Long> steps = new ArrayList<>();

        Meter(String name) {
            this.name = name;
        }

        void add(int n, long nanos) {
            if (bytes < FIRST) {
                firstNanos += nanos;
            } else {
                restNanos += nanos;
            }
            stepNanos += nanos;
            bytes += n;
            if (bytes % STEP == 0) {
                steps.add(mbPerSecond(STEP, stepNanos));
                stepNanos = 0;
            }
        }

        void print() {
            System.out.printf("%-7s first 256 MiB %6d MB/s | remaining 768 MiB %6d MB/s | whole GiB %6d MB/s%n",
                    name, mbPerSecond(FIRST, firstNanos), mbPerSecond(TOTAL - FIRST, restNanos),
                    mbPerSecond(TOTAL, firstNanos + restNanos));
            System.out.println("        per 64 MiB: " + steps);
        }

        static long mbPerSecond(long bytes, long nanos) {
            return Math.round(bytes * 1e3 / nanos);
        }
    }

    /** What makes AES-GCM and SHA-256 fast or slow: the CPU's instructions and the JVM's intrinsics. */
    static void describeMachine() throws Exception {
        String flags = "";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name") && flags.isEmpty()) {
                    System.out.println("cpu: " + line.substring(line.indexOf(':') + 1).trim());
                }
                if (line.startsWith("flags")) {
                    List<String> present = new ArrayList<>();
                    for (String flag : List.of("aes", "pclmulqdq", "sha_ni", "avx", "avx2", "avx512f", "vaes", "vpclmulqdq")) {
                        if ((" " + line + " ").contains(" " + flag + " ")) {
                            present.add(flag);
                        }
                    }
                    flags = String.join(" ", present);
                    break;
                }
            }
        }
        System.out.println("cpu flags: " + flags + "   (cores: " + Runtime.getRuntime().availableProcessors() + ")");
        // The intrinsics are diagnostic flags, which only -XX:+UnlockDiagnosticVMOptions shows.
        String java = ProcessHandle.current().info().command().orElse("java");
        Process flagsOf = new ProcessBuilder(java, "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintFlagsFinal", "-version")
                .redirectErrorStream(true).start();
        StringBuilder intrinsics = new StringBuilder();
        for (String line : new String(flagsOf.getInputStream().readAllBytes()).split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 4 && List.of("UseAESIntrinsics", "UseAESCTRIntrinsics", "UseGHASHIntrinsics",
                    "UseSHA256Intrinsics", "UseAVX").contains(words[1])) {
                intrinsics.append(words[1]).append('=').append(words[3]).append(' ');
            }
        }
        flagsOf.waitFor();
        System.out.println("java " + System.getProperty("java.version") + ": " + intrinsics.toString().trim());
    }
}
