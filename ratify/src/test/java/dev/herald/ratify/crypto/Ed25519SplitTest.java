package dev.herald.ratify.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * A key in frequent use is verified with wider tables and half the doublings (eighths instead of
 * quarters of each scalar). That is a faster way to the same point, so every answer must be the
 * same: these tests compare the two on random and edge-case inputs, and against BouncyCastle.
 */
class Ed25519SplitTest {
    @Test
    void bothSplits_giveTheSameAnswer_onEveryEdgeCaseVector() {
        for (EdgeCases.Vector v : EdgeCases.all()) {
            boolean expected = Ed25519EdgeCasesTest.HERALD[v.index()];
            for (Scalars.Split split : Scalars.Split.values()) {
                assertThat(Ed25519s.verify(v.publicKey(), v.message(), v.signature(), split))
                        .as("vector %d, %s", v.index(), split).isEqualTo(expected);
            }
        }
    }

    @Test
    void bothSplits_agreeWithEachOtherAndWithBouncyCastle_onRandomValidAndTamperedSignatures() {
        Random random = new Random(17);
        List<Ed25519Batch.Item> items = new ArrayList<>(Ed25519BatchTest.validBatch(300, 30, random));
        for (int i = 0; i < 300; i++) {
            String part = List.of("signature", "publicKey", "message").get(i % 3);
            items.add(Ed25519BatchTest.flipped(items.get(i), part, random));
        }
        int accepted = 0;
        for (Ed25519Batch.Item item : items) {
            boolean quarters = Ed25519s.verify(item.publicKey(), item.message(), item.signature(), Scalars.Split.QUARTERS);
            boolean eighths = Ed25519s.verify(item.publicKey(), item.message(), item.signature(), Scalars.Split.EIGHTHS);
            // Honest signatures and random bit flips carry no small-order component, where the
            // cofactored and cofactorless equations agree.
            boolean bouncyCastle = Ed25519.verify(item.signature(), 0, item.publicKey(), 0,
                    item.message(), 0, item.message().length);
            assertThat(eighths).isEqualTo(quarters);
            assertThat(quarters).isEqualTo(bouncyCastle);
            accepted += quarters ? 1 : 0;
        }
        assertThat(accepted).as("the 300 valid ones, none of the tampered").isEqualTo(300);
    }

    @Test
    void aKeyInFrequentUse_switchesToEighths_andKeepsVerifying() {
        Random random = new Random(23);
        byte[] seed = EdTestKit.seed(random);
        KeyTables tables = new KeyTables(4);
        KeyTables.Key key = tables.lookup(Ed25519s.publicKey(seed));
        List<Scalars.Split> seen = new ArrayList<>();
        for (int i = 0; i < KeyTables.WIDE_AFTER + 2; i++) {
            seen.add(key.split());
        }
        assertThat(seen.subList(0, KeyTables.WIDE_AFTER - 1)).containsOnly(Scalars.Split.QUARTERS);
        assertThat(seen.subList(KeyTables.WIDE_AFTER - 1, seen.size())).containsOnly(Scalars.Split.EIGHTHS);
        assertThat(key.tables(Scalars.Split.EIGHTHS)).hasDimensions(8, 64);

        // Through the public entry point: the same key, well past the switch, still verifies
        // exactly its own signatures.
        for (int i = 0; i < 3 * KeyTables.WIDE_AFTER; i++) {
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            Ed25519Batch.Item item = EdTestKit.signed(seed, message);
            assertThat(Ed25519s.verify(item.publicKey(), item.message(), item.signature())).isTrue();
            Ed25519Batch.Item bad = Ed25519BatchTest.flipped(item, "signature", random);
            assertThat(Ed25519s.verify(bad.publicKey(), bad.message(), bad.signature())).isFalse();
        }
    }
}
