package dev.herald.server.identity;

import dev.herald.ratify.Documents;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationList;
import dev.herald.ratify.RevocationProvider;
import dev.herald.ratify.SignatureException;
import dev.herald.server.http.Problems;
import dev.herald.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Signed Ratify revocation lists (SPEC 5.10), one current list per issuer and workspace. A list is
 * stored only after its hybrid signature verified against the issuer key whose derived id it
 * names, and only if it is not older than the list already held: a replayed old list can never
 * un-revoke a cert.
 */
public final class RevocationRegistry {
    private final Database db;
    private final Clock clock;

    public RevocationRegistry(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What {@link #publish} did. */
    public enum Outcome { STORED, UNCHANGED }

    /**
     * Verifies {@code list} against {@code issuerKey} and makes it the issuer's current list.
     *
     * @throws Problems.Validation when the key does not derive the list's issuer id or the signature fails
     * @throws Problems.Conflict when a newer list is already held
     */
    public Outcome publish(String workspaceId, RevocationList list, HybridPublicKey issuerKey) {
        if (!issuerKey.hasValidLengths()) {
            throw new Problems.Validation("issuer_public_key", "key components have the wrong length");
        }
        if (!issuerKey.deriveId().equals(list.issuerId())) {
            throw new Problems.Validation("issuer_public_key",
                    "derives id " + issuerKey.deriveId() + ", not the list's issuer_id " + list.issuerId());
        }
        try {
            Documents.verifyRevocationList(list, issuerKey);
        } catch (SignatureException e) {
            throw new Problems.Validation("revocation_list.signature", "does not verify with the issuer key");
        }
        String document = new String(RatifyJson.encode(list), StandardCharsets.UTF_8);
        return db.write(h -> {
            Optional<Long> held = h.createQuery("""
                    SELECT updated_at FROM ratify_revocation_lists
                    WHERE workspace_id = :ws AND issuer_id = :issuer""")
                    .bind("ws", workspaceId).bind("issuer", list.issuerId())
                    .mapTo(Long.class).findOne();
            if (held.isPresent() && held.get() > list.updatedAt()) {
                throw new Problems.Conflict("a newer revocation list (updated_at " + held.get()
                        + ") is already held for issuer " + list.issuerId());
            }
            Optional<String> current = current(workspaceId, list.issuerId());
            if (current.isPresent() && current.get().equals(document)) {
                return Outcome.UNCHANGED;
            }
            h.createUpdate("DELETE FROM ratify_revocation_lists WHERE workspace_id = :ws AND issuer_id = :issuer")
                    .bind("ws", workspaceId).bind("issuer", list.issuerId()).execute();
            h.createUpdate("""
                    INSERT INTO ratify_revocation_lists (workspace_id, issuer_id, updated_at, document, stored_at)
                    VALUES (:ws, :issuer, :updated, :doc, :stored)""")
                    .bind("ws", workspaceId).bind("issuer", list.issuerId())
                    .bind("updated", list.updatedAt()).bind("doc", document)
                    .bind("stored", clock.instant().getEpochSecond()).execute();
            h.createUpdate("DELETE FROM ratify_revoked_certs WHERE workspace_id = :ws AND issuer_id = :issuer")
                    .bind("ws", workspaceId).bind("issuer", list.issuerId()).execute();
            var batch = h.prepareBatch("""
                    INSERT INTO ratify_revoked_certs (workspace_id, cert_id, issuer_id) VALUES (:ws, :cert, :issuer)""");
            for (String certId : new java.util.TreeSet<>(list.revokedCerts())) {
                batch.bind("ws", workspaceId).bind("cert", certId).bind("issuer", list.issuerId()).add();
            }
            if (!list.revokedCerts().isEmpty()) {
                batch.execute();
            }
            return Outcome.STORED;
        });
    }

    /** The issuer's current signed list as stored (canonical JSON), if any. */
    public Optional<String> current(String workspaceId, String issuerId) {
        return db.read(h -> h.createQuery("""
                SELECT document FROM ratify_revocation_lists WHERE workspace_id = :ws AND issuer_id = :issuer""")
                .bind("ws", workspaceId).bind("issuer", issuerId)
                .mapTo(String.class).findOne());
    }

    /**
     * The revocation provider for a workspace's verifications: a cert is revoked when any list
     * held in the workspace names it. A database failure propagates, so the verifier fails closed
     * with {@code revocation_error}.
     */
    public RevocationProvider providerFor(String workspaceId) {
        return certId -> db.read(h -> h.createQuery("""
                SELECT COUNT(*) FROM ratify_revoked_certs WHERE workspace_id = :ws AND cert_id = :cert""")
                .bind("ws", workspaceId).bind("cert", certId)
                .mapTo(Integer.class).one()) > 0;
    }
}
