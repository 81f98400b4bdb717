package dev.herald.ratify.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.ratify.crypto.Ed25519s;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The field contracts this package relies on, and the point and scalar code against references. */
class EdwardsPointTest {
    @Test
    void fieldDecode_ignoresTheTopBit_andNormalizeGivesTheCanonicalValue() {
        byte[] five = EdTestKit.littleEndian(BigInteger.valueOf(5), 32);
        byte[] fiveWithTopBit = five.clone();
        fiveWithTopBit[31] |= (byte) 0x80;
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        X25519Field.decode(five, 0, a);
        X25519Field.decode(fiveWithTopBit, 0, b);
        assertThat(b).containsExactly(a);
        // p + 5 decodes to limbs that are not canonical until normalized.
        int[] c = X25519Field.create();
        X25519Field.decode(EdTestKit.littleEndian(EdTestKit.P.add(BigInteger.valueOf(5)), 32), 0, c);
        assertThat(X25519Field.areEqualVar(a, c)).isFalse();
        X25519Field.normalize(c);
        assertThat(c).containsExactly(a);
        // A difference with negative limbs normalizes too (x - x = 0, 0 - 5 = p - 5).
        int[] d = X25519Field.create();
        X25519Field.sub(X25519Field.create(), a, d);
        X25519Field.normalize(d);
        byte[] out = new byte[32];
        X25519Field.encode(d, out, 0);
        assertThat(Scalars.fromLittleEndian(out, 0, 32)).isEqualTo(EdTestKit.P.subtract(BigInteger.valueOf(5)));
    }

    @Test
    void scalarMultiplesOfTheBase_matchBouncyCastlePublicKeys() {
        Random random = new Random(1);
        for (int i = 0; i < 10; i++) {
            byte[] seed = EdTestKit.seed(random);
            EdwardsPoint a = EdTestKit.times(EdTestKit.secretScalar(seed), EdTestKit.base());
            assertThat(a.encoded()).containsExactly(Ed25519s.publicKey(seed));
            assertThat(EdTestKit.decoded(a.encoded()).encoded()).containsExactly(a.encoded());
        }
    }

    @Test
    void subtractingACachedPoint_undoesAddingIt() {
        EdwardsPoint p = EdTestKit.times(BigInteger.valueOf(12345), EdTestKit.base());
        EdwardsPoint q = EdTestKit.times(BigInteger.valueOf(987654321), EdTestKit.base());
        EdwardsPoint r = new EdwardsPoint();
        r.set(p);
        r.addCached(q.cached(), false, true);
        r.addCached(q.cached(), true, true);
        assertThat(r.encoded()).containsExactly(p.encoded());
    }

    @Test
    void oddMultiples_areOneThreeFiveTimesThePoint() {
        EdwardsPoint p = EdTestKit.times(BigInteger.valueOf(77), EdTestKit.base());
        EdwardsPoint.Cached[] table = p.oddMultiples(8);
        for (int i = 0; i < 8; i++) {
            EdwardsPoint fromTable = new EdwardsPoint();
            fromTable.addCached(table[i], false, true);
            assertThat(fromTable.encoded())
                    .containsExactly(EdTestKit.times(BigInteger.valueOf(77L * (2 * i + 1)), EdTestKit.base()).encoded());
        }
    }

    @Test
    void wnaf_reconstructsTheScalar_withSparseOddDigits() {
        Random random = new Random(2);
        for (int w : new int[] {4, 5, 8}) {
            for (int i = 0; i < 200; i++) {
                BigInteger k = new BigInteger(1 + random.nextInt(260), random);
                byte[] d = Scalars.wnaf(k, w);
                BigInteger sum = BigInteger.ZERO;
                int lastNonZero = -w;
                for (int j = d.length - 1; j >= 0; j--) {
                    sum = sum.shiftLeft(1).add(BigInteger.valueOf(d[j]));
                }
                for (int j = 0; j < d.length; j++) {
                    if (d[j] != 0) {
                        assertThat(Math.abs(d[j]) % 2).isEqualTo(1);
                        assertThat(Math.abs(d[j])).isLessThan(1 << (w - 1));
                        assertThat(j - lastNonZero).isGreaterThanOrEqualTo(w);
                        lastNonZero = j;
                    }
                }
                assertThat(sum).isEqualTo(k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Scalars.Split.class)
    void straus_sumsToTheIdentityExactlyWhenTheTermsCancel(Scalars.Split split) {
        Random random = new Random(3);
        EdwardsPoint b = EdTestKit.base();
        BigInteger x = new BigInteger(252, random);
        BigInteger y = new BigInteger(128, random);
        EdwardsPoint p = EdTestKit.times(x, b);
        // [y]P - [x y mod L]B = identity; off by one it is not.
        long[] xy = Scalars.words(x.multiply(y).mod(Scalars.L));
        List<Straus.Term> terms = new ArrayList<>();
        terms.add(new Straus.Term(p.oddMultiples(8), Scalars.wnaf(y, 5), false));
        for (int part = 0; part < split.parts; part++) {
            terms.add(new Straus.Term(BasePoint.tables(split)[part], Scalars.wnaf(split.part(xy, part), BasePoint.WIDTH), true));
        }
        assertThat(Straus.sum(terms).isIdentity()).isTrue();
        terms.set(0, new Straus.Term(p.oddMultiples(8), Scalars.wnaf(y.add(BigInteger.ONE), 5), false));
        assertThat(Straus.sum(terms).encoded()).containsExactly(p.encoded());
    }

    @Test
    void aKeysQuarterAndEighthTables_giveTheSamePoint_forRandomAndEdgeScalars() {
        Random random = new Random(7);
        BigInteger two = BigInteger.TWO;
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, Scalars.L.subtract(BigInteger.ONE),
                two.pow(252), two.pow(32).subtract(BigInteger.ONE), two.pow(32), two.pow(253).subtract(BigInteger.ONE)));
        for (int i = 0; i < 40; i++) {
            scalars.add(new BigInteger(253, random));
        }
        for (int key = 0; key < 3; key++) {
            EdwardsPoint a = EdTestKit.times(new BigInteger(252, random), EdTestKit.base());
            EdwardsPoint.Cached[][] quarters = a.partTables(4, 64, 8);
            EdwardsPoint.Cached[][] eighths = a.partTables(8, 32, 64);
            for (BigInteger k : scalars) {
                byte[] byQuarters = times(Scalars.Split.QUARTERS, quarters, 5, k).encoded();
                assertThat(times(Scalars.Split.EIGHTHS, eighths, 8, k).encoded()).as("k = %s", k).containsExactly(byQuarters);
                assertThat(byQuarters).as("k = %s", k).containsExactly(EdTestKit.times(k, a).encoded());
            }
        }
    }

    private static EdwardsPoint times(Scalars.Split split, EdwardsPoint.Cached[][] tables, int width, BigInteger k) {
        long[] words = Scalars.words(k);
        List<Straus.Term> terms = new ArrayList<>();
        for (int part = 0; part < split.parts; part++) {
            terms.add(new Straus.Term(tables[part], Scalars.wnaf(split.part(words, part), width), false));
        }
        return Straus.sum(terms);
    }

    @Test
    void scalarParts_reassembleTheScalar_forBothSplits() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            BigInteger k = round == 0 ? Scalars.L.subtract(BigInteger.ONE) : new BigInteger(253, random);
            for (Scalars.Split split : Scalars.Split.values()) {
                BigInteger sum = BigInteger.ZERO;
                for (int part = 0; part < split.parts; part++) {
                    long v = split.part(Scalars.words(k), part);
                    sum = sum.add(new BigInteger(Long.toUnsignedString(v)).shiftLeft(split.partBits * part));
                }
                assertThat(sum).as("%s of %s", split, k).isEqualTo(k);
            }
        }
    }

    @Test
    void wnafOfAnUnsignedLong_isTheWnafOfItsValue() {
        Random random = new Random(6);
        long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xffffffffL, 0x80000000L};
        for (int round = 0; round < 500; round++) {
            long v = round < edges.length ? edges[round] : random.nextLong() >>> random.nextInt(64);
            BigInteger value = new BigInteger(Long.toUnsignedString(v));
            for (int w : new int[] {5, 8}) {
                assertThat(Scalars.wnaf(v, w)).as("%s, w %d", Long.toUnsignedString(v), w)
                        .containsExactly(Scalars.wnaf(value, w));
            }
        }
    }

    @Test
    void smallOrderPoints_areDetected() {
        EdwardsPoint t8 = EdTestKit.orderEight();
        for (int i = 0; i < 8; i++) {
            assertThat(EdTestKit.times(BigInteger.valueOf(i), t8).hasSmallOrder()).isTrue();
        }
        assertThat(EdTestKit.base().hasSmallOrder()).isFalse();
        assertThat(EdTestKit.sum(EdTestKit.base(), t8).hasSmallOrder()).isFalse();
    }
}
