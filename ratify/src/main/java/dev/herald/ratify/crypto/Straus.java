package dev.herald.ratify.crypto;

import java.util.List;

/**
 * Interleaved multi-scalar multiplication (Straus): one shared chain of doublings, and for each
 * term an addition of a precomputed odd multiple wherever its signed-digit recoding has a
 * non-zero digit.
 */
final class Straus {
    private Straus() {}

    /**
     * One summand [k]P (or -[k]P when {@code subtract}): {@code digits} is a width-w NAF of k
     * (see {@link Scalars#wnaf}) and {@code table} holds P, 3P, ..., (2^(w-1) - 1)P.
     */
    record Term(EdwardsPoint.Cached[] table, byte[] digits, boolean subtract) {}

    /** True when [8](sum of the terms) is the identity. */
    static boolean timesEightIsIdentity(List<Term> terms) {
        int count = terms.size();
        EdwardsPoint.Cached[][] tables = new EdwardsPoint.Cached[count][];
        byte[][] digits = new byte[count][];
        boolean[] subtract = new boolean[count];
        int length = 0;
        for (int j = 0; j < count; j++) {
            Term term = terms.get(j);
            tables[j] = term.table();
            digits[j] = term.digits();
            subtract[j] = term.subtract();
            length = Math.max(length, digits[j].length);
        }
        EdwardsPoint acc = new EdwardsPoint();
        int[] due = new int[count];
        boolean started = false;
        for (int i = length - 1; i >= 0; i--) {
            int dueCount = 0;
            for (int j = 0; j < count; j++) {
                byte[] d = digits[j];
                if (i < d.length && d[i] != 0) {
                    due[dueCount++] = j;
                }
            }
            if (started) {
                acc.twice(dueCount > 0);
            }
            for (int a = 0; a < dueCount; a++) {
                int j = due[a];
                int digit = digits[j][i];
                EdwardsPoint.Cached q = tables[j][Math.abs(digit) >>> 1];
                // The last addition before a doubling may skip T.
                acc.addCached(q, (digit < 0) != subtract[j], a < dueCount - 1);
                started = true;
            }
        }
        acc.twice(false);
        acc.twice(false);
        acc.twice(false);
        return acc.isIdentity();
    }
}
