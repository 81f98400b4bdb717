package dev.herald.governance.attest;

import dev.herald.evidence.tsa.TsaCredentials;
import dev.herald.evidence.tsa.TsaCredentialsFactory;
import dev.herald.platform.store.SecretFiles;
import dev.herald.platform.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Herald's TSA key material in the data directory: {@code tsa/herald-tsa.pem} (root certificate,
 * TSA certificate and TSA key; owner-only) and {@code tsa/herald-tsa-root.pem} (the trust anchor
 * to hand to auditors). Created on first start; later starts, and other processes sharing the
 * directory, load the same files, so every receipt chains to one root.
 */
public final class TsaKeyStore {
    static final String CREDENTIALS_FILE = "herald-tsa.pem";
    static final String ROOT_FILE = "herald-tsa-root.pem";

    private TsaKeyStore() {}

    /** The directory that holds the files for a data directory. */
    public static Path directory(Path dataDir) {
        return dataDir.resolve("tsa");
    }

    /** The root certificate PEM of an existing install, for {@code herald verify}'s default trust. */
    public static Path rootFile(Path dataDir) {
        return directory(dataDir).resolve(ROOT_FILE);
    }

    public static TsaCredentials loadOrCreate(Path dataDir, SecureRandom random, Clock clock) {
        Path dir = directory(dataDir);
        Path file = dir.resolve(CREDENTIALS_FILE);
        try {
            if (!Files.exists(file)) {
                SecretFiles.createIfAbsent(file, new TsaCredentialsFactory(random, clock).generate("Herald").toPem());
            }
            TsaCredentials credentials = TsaCredentials.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
            Path root = dir.resolve(ROOT_FILE);
            if (!Files.exists(root)) {
                Files.writeString(root, credentials.rootPem(), StandardCharsets.US_ASCII);
            }
            return credentials;
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot load or create the TSA key material in " + dir + ": " + e.getMessage(), e);
        }
    }
}
