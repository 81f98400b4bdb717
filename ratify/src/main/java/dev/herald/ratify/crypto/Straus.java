package dev.herald.ratify.crypto;

import java.util.List;

/**
 * Interleaved multi-scalar multiplication (Straus): one shared chain of doublings, and for each
 * term an addition of a precomputed odd multiple wherever its signed-digit recoding has a
 * non-zero digit. Variable time: for verification only, where every input is public.
 */
final class Straus {
    private Straus() {}

    /**
     * One summand [k]P (or -[k]P when {@code subtract}): {@code digits} is a width-w NAF of k
     * (see {@link Scalars#wnaf}) and {@code table} holds P, 3P, ..., (2^(w-1) - 1)P.
     */
    record Term(EdwardsPoint.Cached[] table, byte[] digits, boolean subtract) {}

    /** The sum of the terms (its T coordinate is not maintained: encode or compare it only). */
    static EdwardsPoint sum(List<Term> terms) {
        int count = terms.size();
        int length = 0;
        for (Term term : terms) {
            length = Math.max(length, term.digits().length);
        }
        EdwardsPoint acc = new EdwardsPoint();
        int[] due = new int[count];
        boolean started = false;
        for (int i = length - 1; i >= 0; i--) {
            int dueCount = 0;
            for (int j = 0; j < count; j++) {
                byte[] d = terms.get(j).digits();
                if (i < d.length && d[i] != 0) {
                    due[dueCount++] = j;
                }
            }
            if (started) {
                acc.twice(dueCount > 0);
            }
            for (int a = 0; a < dueCount; a++) {
                Term term = terms.get(due[a]);
                int digit = term.digits()[i];
                EdwardsPoint.Cached q = term.table()[Math.abs(digit) >>> 1];
                // The last addition before a doubling may skip T.
                acc.addCached(q, (digit < 0) != term.subtract(), a < dueCount - 1);
                started = true;
            }
        }
        return acc;
    }
}
