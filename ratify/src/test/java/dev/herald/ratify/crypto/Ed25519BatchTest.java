package dev.herald.ratify.crypto;

import static dev.herald.ratify.crypto.EdTestKit.concat;
import static dev.herald.ratify.crypto.EdTestKit.hex;
import static dev.herald.ratify.crypto.EdTestKit.littleEndian;
import static dev.herald.ratify.crypto.EdTestKit.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.ratify.crypto.Ed25519s;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519BatchTest {
    private final Ed25519Batch batch = new Ed25519Batch();

    /** RFC 8032 section 7.1: TEST 1, 2, 3 and TEST SHA(abc). */
    private static final List<Ed25519Batch.Item> RFC_8032 = List.of(
            new Ed25519Batch.Item(
                    hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
                    new byte[0],
                    hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")),
            new Ed25519Batch.Item(
                    hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"),
                    hex("72"),
                    hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")),
            new Ed25519Batch.Item(
                    hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"),
                    hex("af82"),
                    hex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                            + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")),
            new Ed25519Batch.Item(
                    hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf"),
                    EdTestKit.sha512("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    hex("dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                            + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704")));

    @Test
    void rfc8032Vectors_verifyAloneAndTogether() {
        for (Ed25519Batch.Item item : RFC_8032) {
            assertThat(Ed25519s.verify(item.publicKey(), item.message(), item.signature())).isTrue();
            assertThat(batch.verify(List.of(item))).containsExactly(true);
        }
        assertThat(batch.verify(RFC_8032)).containsExactly(true, true, true, true);
    }

    @ParameterizedTest(name = "{0} distinct keys")
    @ValueSource(ints = {1, 3, 100})
    void hundredValidSignatures_allVerify(int keyCount) {
        List<Ed25519Batch.Item> items = validBatch(100, keyCount, new Random(keyCount));
        for (Ed25519Batch.Item item : items) {
            assertThat(singleVerify(item)).isTrue();
        }
        boolean[] result = batch.verify(items);
        assertThat(result).hasSize(100).doesNotContain(false);
    }

    @Test
    void emptyBatch_givesEmptyResult() {
        assertThat(batch.verify(List.of())).isEmpty();
    }

    @Test
    void batchOfOne_validAndInvalid() {
        Ed25519Batch.Item good = signed(new byte[32], "one".getBytes());
        assertThat(batch.verify(List.of(good))).containsExactly(true);
        byte[] sig = good.signature().clone();
        sig[40] ^= 1;
        assertThat(batch.verify(List.of(new Ed25519Batch.Item(good.publicKey(), good.message(), sig))))
                .containsExactly(false);
    }

    @ParameterizedTest(name = "flip in {0}")
    @ValueSource(strings = {"signature", "message", "publicKey"})
    void oneFlippedBit_rejectsExactlyThatItem(String part) {
        Random random = new Random(part.hashCode());
        for (int keyCount : new int[] {1, 3, 100}) {
            List<Ed25519Batch.Item> items = validBatch(100, keyCount, random);
            int victim = random.nextInt(items.size());
            items.set(victim, flipped(items.get(victim), part, random));
            boolean[] expected = allTrue(items.size());
            expected[victim] = false;
            assertThat(batch.verify(items)).as("%d keys, item %d", keyCount, victim)
                    .containsExactly(expected);
            assertThat(singleVerify(items.get(victim))).isFalse();
        }
    }

    @Test
    void severalBadItems_areEachRejectedAndTheRestAccepted() {
        Random random = new Random(42);
        String[] parts = {"signature", "message", "publicKey"};
        for (int round = 0; round < 4; round++) {
            List<Ed25519Batch.Item> items = validBatch(100, 1 + round, random);
            boolean[] expected = allTrue(items.size());
            int bad = 1 + random.nextInt(12);
            for (int b = 0; b < bad; b++) {
                int victim = random.nextInt(items.size());
                items.set(victim, flipped(items.get(victim), parts[random.nextInt(3)], random));
                expected[victim] = false;
            }
            assertThat(batch.verify(items)).containsExactly(expected);
        }
    }

    @Test
    void allItemsBad_allRejected() {
        List<Ed25519Batch.Item> items = validBatch(17, 2, new Random(3));
        items.replaceAll(item -> flipped(item, "message", new Random(item.message().length)));
        assertThat(batch.verify(items)).containsOnly(false).hasSize(17);
    }

    @Test
    void scalarPlusL_isRejected() {
        Ed25519Batch.Item good = signed(new byte[32], "canonical S".getBytes());
        BigInteger s = Scalars.fromLittleEndian(good.signature(), 32, 32);
        byte[] sig = concat(Arrays.copyOf(good.signature(), 32), littleEndian(s.add(Scalars.L), 32));
        Ed25519Batch.Item bad = new Ed25519Batch.Item(good.publicKey(), good.message(), sig);
        assertThat(singleVerify(bad)).isFalse();
        assertThat(batch.verify(List.of(good, bad, good))).containsExactly(true, false, true);
    }

    @Test
    void nonCanonicalR_isRejected_butTheSameSignatureWithCanonicalR_verifies() {
        byte[] seed = new byte[32];
        seed[0] = 9;
        byte[] pk = Ed25519s.publicKey(seed);
        BigInteger a = EdTestKit.secretScalar(seed);
        byte[] message = "R is the identity".getBytes();
        // R = identity with r = 0, written as y = 1 and as y = p + 1; S = k a for each encoding.
        byte[] canonical = littleEndian(BigInteger.ONE, 32);
        byte[] nonCanonical = littleEndian(EdTestKit.P.add(BigInteger.ONE), 32);
        Ed25519Batch.Item good = new Ed25519Batch.Item(pk, message,
                EdTestKit.signWithR(canonical, BigInteger.ZERO, pk, a, message));
        Ed25519Batch.Item bad = new Ed25519Batch.Item(pk, message,
                EdTestKit.signWithR(nonCanonical, BigInteger.ZERO, pk, a, message));
        assertThat(singleVerify(good)).isTrue();
        assertThat(singleVerify(bad)).isFalse();
        assertThat(batch.verify(List.of(good, bad))).containsExactly(true, false);
        assertThat(batch.verify(List.of(bad))).containsExactly(false);
    }

    @Test
    void rWithZeroXAndSignBit_isRejected() {
        byte[] seed = new byte[32];
        seed[0] = 10;
        byte[] pk = Ed25519s.publicKey(seed);
        byte[] message = "negative zero".getBytes();
        byte[] minusZero = littleEndian(BigInteger.ONE, 32);
        minusZero[31] |= (byte) 0x80;
        Ed25519Batch.Item bad = new Ed25519Batch.Item(pk, message,
                EdTestKit.signWithR(minusZero, BigInteger.ZERO, pk, EdTestKit.secretScalar(seed), message));
        assertThat(singleVerify(bad)).isFalse();
        assertThat(batch.verify(List.of(bad, signed(seed, message)))).containsExactly(false, true);
    }

    @Test
    void nonCanonicalPublicKeys_areRejected() {
        Ed25519Batch.Item good = signed(new byte[32], "key".getBytes());
        List<Ed25519Batch.Item> items = new ArrayList<>();
        items.add(good);
        for (int extra = 0; extra < 19; extra++) {
            byte[] y = littleEndian(EdTestKit.P.add(BigInteger.valueOf(extra)), 32);
            items.add(new Ed25519Batch.Item(y, good.message(), good.signature()));
            byte[] ySigned = y.clone();
            ySigned[31] |= (byte) 0x80;
            items.add(new Ed25519Batch.Item(ySigned, good.message(), good.signature()));
        }
        boolean[] expected = new boolean[items.size()];
        expected[0] = true;
        assertThat(batch.verify(items)).containsExactly(expected);
    }

    @Test
    void smallOrderPublicKeys_areRejected() {
        EdwardsPoint t8 = EdTestKit.orderEight();
        byte[] message = "small order".getBytes();
        // S = 0 and R = identity satisfy the cofactored equation for every small-order A.
        byte[] sig = concat(littleEndian(BigInteger.ONE, 32), new byte[32]);
        List<Ed25519Batch.Item> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] a = EdTestKit.times(BigInteger.valueOf(i), t8).encoded();
            items.add(new Ed25519Batch.Item(a, message, sig));
            assertThat(Ed25519.validatePublicKeyPartialExport(a, 0)).isNull();
            assertThat(Ed25519.verify(sig, 0, a, 0, message, 0, message.length)).isFalse();
        }
        assertThat(batch.verify(items)).containsOnly(false).hasSize(8);
    }

    @Test
    void wrongLengths_areRejected() {
        Ed25519Batch.Item good = signed(new byte[32], "lengths".getBytes());
        byte[] pk = good.publicKey();
        byte[] sig = good.signature();
        List<Ed25519Batch.Item> items = List.of(
                new Ed25519Batch.Item(Arrays.copyOf(pk, 31), good.message(), sig),
                new Ed25519Batch.Item(Arrays.copyOf(pk, 33), good.message(), sig),
                new Ed25519Batch.Item(pk, good.message(), Arrays.copyOf(sig, 63)),
                new Ed25519Batch.Item(pk, good.message(), Arrays.copyOf(sig, 65)),
                new Ed25519Batch.Item(new byte[0], good.message(), new byte[0]),
                good);
        assertThat(batch.verify(items)).containsExactly(false, false, false, false, false, true);
    }

    @Test
    void torsionInR_validOnlyUnderTheCofactoredEquation_isRejectedAloneAndInBatches() {
        byte[] seed = new byte[32];
        seed[0] = 11;
        byte[] pk = Ed25519s.publicKey(seed);
        BigInteger a = EdTestKit.secretScalar(seed);
        byte[] message = "torsion".getBytes();
        BigInteger r = new BigInteger(250, new Random(5));
        byte[] rPlusT = EdTestKit.sum(EdTestKit.times(r, EdTestKit.base()), EdTestKit.orderEight()).encoded();
        Ed25519Batch.Item torsion = new Ed25519Batch.Item(pk, message,
                EdTestKit.signWithR(rPlusT, r, pk, a, message));
        // BouncyCastle checks the cofactored equation and accepts; Go, the JDK and Herald do not.
        assertThat(Ed25519.verify(torsion.signature(), 0, pk, 0, message, 0, message.length)).isTrue();
        assertThat(Ed25519s.verifyJdk(pk, message, torsion.signature())).isFalse();
        assertThat(Ed25519s.verify(pk, message, torsion.signature())).isFalse();
        assertThat(batch.verify(List.of(torsion))).containsExactly(false);
        List<Ed25519Batch.Item> items = validBatch(20, 1, new Random(6));
        items.set(7, torsion);
        boolean[] expected = allTrue(items.size());
        expected[7] = false;
        assertThat(batch.verify(items)).containsExactly(expected);
    }

    @Test
    void mixedOrderPublicKey_verifiesOnlyWhereTheCofactorlessEquationHolds() {
        byte[] seed = new byte[32];
        seed[0] = 12;
        BigInteger a = EdTestKit.secretScalar(seed);
        // A' = [a]B + T8 is neither small-order nor in the prime-order subgroup. A signature
        // S = r + k a satisfies [S]B = R + [k]A' only when [k]T8 is the identity (k = 0 mod 8).
        byte[] pk = EdTestKit.sum(EdTestKit.decoded(Ed25519s.publicKey(seed)), EdTestKit.orderEight()).encoded();
        assertThat(Ed25519s.isValidPublicKey(pk)).isTrue();
        Random random = new Random(8);
        int accepted = 0;
        List<Ed25519Batch.Item> items = validBatch(10, 2, new Random(9));
        List<Boolean> expected = new ArrayList<>(java.util.Collections.nCopies(10, true));
        for (int i = 0; i < 40; i++) {
            byte[] message = ("mixed order key " + i).getBytes();
            BigInteger r = new BigInteger(250, random);
            byte[] rEnc = EdTestKit.times(r, EdTestKit.base()).encoded();
            Ed25519Batch.Item item = new Ed25519Batch.Item(pk, message, EdTestKit.signWithR(rEnc, r, pk, a, message));
            boolean kTimesT8IsIdentity = EdTestKit.challenge(rEnc, pk, message).mod(BigInteger.valueOf(8)).signum() == 0;
            assertThat(Ed25519s.verify(pk, message, item.signature())).isEqualTo(kTimesT8IsIdentity);
            accepted += kTimesT8IsIdentity ? 1 : 0;
            items.add(item);
            expected.add(kTimesT8IsIdentity);
        }
        assertThat(accepted).isBetween(1, 39);
        boolean[] result = batch.verify(items);
        for (int i = 0; i < result.length; i++) {
            assertThat(result[i]).as("item %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void repeatedKeysAcrossBatches_useTheCacheAndStillAgree() {
        Random random = new Random(5);
        List<Ed25519Batch.Item> items = validBatch(30, 2, random);
        assertThat(batch.verify(items)).doesNotContain(false);
        items.set(4, flipped(items.get(4), "message", random));
        boolean[] expected = allTrue(30);
        expected[4] = false;
        assertThat(batch.verify(items)).containsExactly(expected);
        assertThat(batch.verify(items.subList(0, 10))).containsExactly(Arrays.copyOf(expected, 10));
    }

    @Test
    void keyWithCachedHalves_mixedWithManyNewKeys_stillAgrees() {
        Ed25519Batch shared = new Ed25519Batch();
        Random random = new Random(14);
        byte[] seed = EdTestKit.seed(random);
        // A one-key batch caches the key's [2^128]A table; the next batch has ten keys, so only
        // that key's scalar is split in halves and the others run at full length.
        assertThat(shared.verify(List.of(signed(seed, "warm".getBytes())))).containsExactly(true);
        List<Ed25519Batch.Item> items = validBatch(30, 10, random);
        for (int i = 0; i < 30; i += 3) {
            items.set(i, signed(seed, ("atom " + i).getBytes()));
        }
        items.set(9, flipped(items.get(9), "signature", random));
        items.set(10, flipped(items.get(10), "message", random));
        boolean[] expected = allTrue(30);
        expected[9] = false;
        expected[10] = false;
        assertThat(shared.verify(items)).containsExactly(expected);
    }

    @Test
    void concurrentBatches_onOneInstance_allAgree() throws Exception {
        List<Ed25519Batch.Item> items = validBatch(40, 3, new Random(10));
        items.set(13, flipped(items.get(13), "signature", new Random(11)));
        boolean[] expected = allTrue(40);
        expected[13] = false;
        Ed25519Batch shared = new Ed25519Batch();
        List<Thread> threads = new ArrayList<>();
        List<boolean[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int round = 0; round < 3; round++) {
                    results.add(shared.verify(items));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).hasSize(12).allSatisfy(r -> assertThat(r).containsExactly(expected));
    }

    static List<Ed25519Batch.Item> validBatch(int size, int keyCount, Random random) {
        byte[][] seeds = new byte[keyCount][];
        for (int k = 0; k < keyCount; k++) {
            seeds[k] = EdTestKit.seed(random);
        }
        List<Ed25519Batch.Item> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte[] message = new byte[random.nextInt(501)];
            random.nextBytes(message);
            items.add(signed(seeds[i % keyCount], message));
        }
        return items;
    }

    static Ed25519Batch.Item flipped(Ed25519Batch.Item item, String part, Random random) {
        byte[] pk = item.publicKey().clone();
        byte[] message = item.message().clone();
        byte[] sig = item.signature().clone();
        switch (part) {
            case "signature" -> flipBit(sig, random);
            case "publicKey" -> flipBit(pk, random);
            case "message" -> {
                if (message.length == 0) {
                    message = new byte[] {0};
                } else {
                    flipBit(message, random);
                }
            }
            default -> throw new IllegalArgumentException(part);
        }
        return new Ed25519Batch.Item(pk, message, sig);
    }

    private static void flipBit(byte[] bytes, Random random) {
        int bit = random.nextInt(bytes.length * 8);
        bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
    }

    private static boolean[] allTrue(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }

    private static boolean singleVerify(Ed25519Batch.Item item) {
        return Ed25519s.verify(item.publicKey(), item.message(), item.signature());
    }
}
