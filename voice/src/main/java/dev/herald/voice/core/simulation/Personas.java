package dev.herald.voice.core.simulation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Derives a persona and a random seed from a lead id: SHA-256 of the id, the first 8 bytes as the
 * seed. The same lead always gets the same persona and, with the same profile and start time,
 * the same conversation. Shares: qualified 30 %, unqualified 20 %, no answer 12 %, voicemail 10 %,
 * busy 8 %, hang-up 8 %, interrupter 7 %, do-not-call 5 %.
 */
public final class Personas {
    /** A persona and the seed for everything random in its call. */
    public record Assigned(Persona persona, long seed) {
        public SplittableRandom random() {
            return new SplittableRandom(seed);
        }
    }

    private static final Persona[] BY_PERCENT = new Persona[100];

    static {
        int[] shares = {30, 20, 12, 8, 10, 8, 7, 5};
        Persona[] order = {Persona.QUALIFIED_BUYER, Persona.UNQUALIFIED_BUYER, Persona.NO_ANSWER, Persona.BUSY,
            Persona.VOICEMAIL, Persona.HANG_UP_MID_CALL, Persona.INTERRUPTER, Persona.DO_NOT_CALL_REQUEST};
        int at = 0;
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < shares[i]; j++) {
                BY_PERCENT[at++] = order[i];
            }
        }
    }

    private Personas() {}

    public static Assigned forLead(String leadId) {
        long seed = seed(leadId);
        int percent = (int) Math.floorMod(seed, 100L);
        return new Assigned(BY_PERCENT[percent], seed);
    }

    static long seed(String leadId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(leadId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
