package dev.herald.ratify.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins Herald's answer on the 12 Ed25519 edge-case vectors ({@code ed25519/speccheck-cases.json}
 * of the shared reference) for single and batch verification, and checks what each vector is,
 * so that the table in ratify/README.md stays true.
 */
class Ed25519EdgeCasesTest {
    /** Herald: accepts 2 and 3 only. */
    static final boolean[] HERALD = {false, false, true, true, false, false, false, false, false, false, false, false};
    /** Go crypto/ed25519 (the Ratify Go reference), as the shared reference README reports it. */
    static final boolean[] GO = {true, true, true, true, false, false, false, false, false, false, false, true};

    private static final List<EdgeCases.Vector> VECTORS = EdgeCases.all();

    @Test
    void singleVerification_givesHeraldsAnswerForEveryVector() {
        for (EdgeCases.Vector v : VECTORS) {
            assertThat(Ed25519s.verify(v.publicKey(), v.message(), v.signature()))
                    .as("vector %d", v.index()).isEqualTo(HERALD[v.index()]);
        }
    }

    @Test
    void batchVerification_givesTheSingleAnswerPerItem_aloneTogetherAndAmongValidItems() {
        Ed25519Batch batch = new Ed25519Batch();
        List<Ed25519Batch.Item> all = VECTORS.stream().map(EdgeCases.Vector::item).toList();
        assertThat(batch.verify(all)).containsExactly(HERALD);
        for (EdgeCases.Vector v : VECTORS) {
            assertThat(batch.verify(List.of(v.item()))).as("vector %d alone", v.index())
                    .containsExactly(HERALD[v.index()]);
            List<Ed25519Batch.Item> mixed = new ArrayList<>(Ed25519BatchTest.validBatch(20, 2, new Random(v.index())));
            mixed.set(7, v.item());
            mixed.add(v.item());
            boolean[] result = batch.verify(mixed);
            for (int i = 0; i < result.length; i++) {
                boolean expected = (i == 7 || i == 20) ? HERALD[v.index()] : true;
                assertThat(result[i]).as("vector %d among valid items, item %d", v.index(), i).isEqualTo(expected);
            }
        }
    }

    @Test
    void keysOfSmallOrderOrNonCanonicalEncoding_areNotValidPublicKeys() {
        // Vectors 0 and 1: an order-8 point; 10 and 11: the order-2 point written with x = -0.
        for (EdgeCases.Vector v : VECTORS) {
            boolean refused = v.index() <= 1 || v.index() >= 10;
            assertThat(Ed25519s.isValidPublicKey(v.publicKey())).as("vector %d", v.index()).isEqualTo(!refused);
        }
        assertThat(Ed25519s.isValidPublicKey(EdTestKit.littleEndian(BigInteger.ONE, 32))).as("identity").isFalse();
        assertThat(Ed25519s.isValidPublicKey(EdTestKit.littleEndian(EdTestKit.P.add(BigInteger.valueOf(9)), 32)))
                .as("y >= p").isFalse();
        assertThat(Ed25519s.isValidPublicKey(new byte[31])).isFalse();
    }

    @Test
    void heraldNeverAcceptsASignatureGoRejects() {
        for (int i = 0; i < 12; i++) {
            assertThat(!HERALD[i] || GO[i]).as("vector %d", i).isTrue();
        }
    }

    @Test
    void aModelOfGosRule_reproducesTheReferenceGoColumn() {
        for (EdgeCases.Vector v : VECTORS) {
            assertThat(goAccepts(v)).as("vector %d", v.index()).isEqualTo(GO[v.index()]);
        }
    }

    /**
     * What each vector is: the order of A and R (small; mixed, a small component plus a prime-order
     * one; prime), whether their encodings are canonical (a non-canonical one decoded leniently, as
     * Go does, for the equations), whether S is below L, and which equation holds over the points
     * (k hashed over the bytes as given). Herald departs from Go exactly where A is of small order
     * or encoded non-canonically (0, 1, 11): keys it refuses.
     */
    @Test
    void theVectorsAreWhatTheTableSays() {
        String[] expected = {
            "A small, R small, S<L, cofactorless, cofactored",
            "A small, R mixed, S<L, cofactorless, cofactored",
            "A mixed, R small, S<L, cofactorless, cofactored",
            "A mixed, R mixed, S<L, cofactorless, cofactored",
            "A mixed, R mixed, S<L, cofactored only",
            "A mixed, R prime, S<L, cofactored only",
            "A prime, R prime, S>=L, cofactorless, cofactored",
            "A prime, R prime, S>=L, cofactorless, cofactored",
            "A mixed, R non-canonical small, S<L, neither",
            "A mixed, R non-canonical small, S<L, cofactorless, cofactored",
            "A non-canonical small, R mixed, S<L, cofactored only",
            "A non-canonical small, R mixed, S<L, cofactorless, cofactored",
        };
        assertThat(VECTORS.stream().map(Ed25519EdgeCasesTest::describe).toList()).containsExactly(expected);
    }

    static String describe(EdgeCases.Vector v) {
        EdwardsPoint a = strict(v.publicKey());
        EdwardsPoint r = strict(v.r());
        StringBuilder s = new StringBuilder();
        s.append("A ").append(a == null ? "non-canonical " + order(lenient(v.publicKey())) : order(a));
        s.append(", R ").append(r == null ? "non-canonical " + order(lenient(v.r())) : order(r));
        boolean canonicalS = v.s().compareTo(Scalars.L) < 0;
        s.append(canonicalS ? ", S<L" : ", S>=L");
        // The equations over the decoded points (leniently decoded where the encoding is not canonical).
        EdwardsPoint d = difference(v, a != null ? a : lenient(v.publicKey()), r != null ? r : lenient(v.r()));
        boolean cofactorless = copy(d).isIdentity();
        boolean cofactored = EdTestKit.times(BigInteger.valueOf(8), d).isIdentity();
        s.append(cofactorless ? ", cofactorless, cofactored" : cofactored ? ", cofactored only" : ", neither");
        return s.toString();
    }

    /** [S]B - R - [k]A with k over the bytes as given. */
    private static EdwardsPoint difference(EdgeCases.Vector v, EdwardsPoint a, EdwardsPoint r) {
        BigInteger k = EdTestKit.challenge(v.r(), v.publicKey(), v.message());
        EdwardsPoint d = EdTestKit.times(v.s(), EdTestKit.base());
        d.addCached(r.cached(), true, true);
        d.addCached(EdTestKit.times(k, a).cached(), true, true);
        return d;
    }

    /**
     * Go's rule: S &lt; L; A decoded leniently (y taken mod p, x = 0 with the sign bit allowed),
     * k hashed over A's bytes as given; the encoding of [S]B - [k]A must equal R's bytes.
     */
    static boolean goAccepts(EdgeCases.Vector v) {
        if (v.s().compareTo(Scalars.L) >= 0) {
            return false;
        }
        EdwardsPoint a = lenient(v.publicKey());
        if (a == null) {
            return false;
        }
        BigInteger k = EdTestKit.challenge(v.r(), v.publicKey(), v.message());
        EdwardsPoint p = EdTestKit.times(v.s(), EdTestKit.base());
        p.addCached(EdTestKit.times(k, a).cached(), true, true);
        return java.util.Arrays.equals(p.encoded(), v.r());
    }

    private static String order(EdwardsPoint p) {
        if (EdTestKit.times(BigInteger.valueOf(8), p).isIdentity()) {
            return "small";
        }
        return EdTestKit.times(Scalars.L, p).isIdentity() ? "prime" : "mixed";
    }

    private static EdwardsPoint strict(byte[] encoding) {
        EdwardsPoint p = new EdwardsPoint();
        return p.setEncoded(encoding, 0) ? p : null;
    }

    private static EdwardsPoint lenient(byte[] encoding) {
        boolean sign = (encoding[31] & 0x80) != 0;
        byte[] masked = encoding.clone();
        masked[31] &= 0x7f;
        BigInteger y = Scalars.fromLittleEndian(masked, 0, 32).mod(EdTestKit.P);
        byte[] canonical = EdTestKit.littleEndian(y, 32);
        if (sign) {
            canonical[31] |= (byte) 0x80;
        }
        EdwardsPoint p = strict(canonical);
        if (p == null && sign) {
            canonical[31] &= 0x7f; // x = 0: the sign bit selects -0 = 0
            p = strict(canonical);
        }
        return p;
    }

    private static EdwardsPoint copy(EdwardsPoint p) {
        EdwardsPoint c = new EdwardsPoint();
        c.set(p);
        return c;
    }
}
