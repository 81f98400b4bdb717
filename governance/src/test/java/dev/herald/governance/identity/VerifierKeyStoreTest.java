package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.store.StoreException;
import dev.herald.ratify.HybridKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier key file: its format is fixed, a second start reads the key the first one wrote. */
class VerifierKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void aFirstStart_writesKindAndBothSeeds_andEveryLaterLoadReadsTheSameKey() throws Exception {
        HybridKeyPair created = VerifierKeyStore.loadOrCreate(dir, new SecureRandom());
        String file = Files.readString(VerifierKeyStore.file(dir), StandardCharsets.US_ASCII);
        assertThat(file).isEqualTo("{\"kind\":\"herald.ratify-verifier-key.v1\",\"ed25519_seed\":\""
                + created.ed25519Seed().toBase64() + "\",\"ml_dsa_65_seed\":\"" + created.mlDsa65Seed().toBase64()
                + "\"}");
        assertThat(VerifierKeyStore.loadOrCreate(dir, new SecureRandom()).publicKey()).isEqualTo(created.publicKey());
        assertThat(VerifierKeyStore.load(dir).publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void aFileOfAnotherKind_isRefused_andAMissingOneIsNamed() throws Exception {
        assertThatThrownBy(() -> VerifierKeyStore.load(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("start the server once");
        Path file = VerifierKeyStore.file(dir);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"kind\":\"herald.issuer-key.v1\",\"ed25519_seed\":\"AA==\"}");
        assertThatThrownBy(() -> VerifierKeyStore.load(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a herald.ratify-verifier-key.v1 file");
    }
}
