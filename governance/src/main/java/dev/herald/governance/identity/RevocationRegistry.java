package dev.herald.governance.identity;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.events.Event;
import dev.herald.platform.events.EventBus;
import dev.herald.ratify.Documents;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationList;
import dev.herald.ratify.RevocationProvider;
import dev.herald.ratify.SignatureException;
import dev.herald.platform.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Signed Ratify revocation lists (SPEC 5.10), one current list per issuer and workspace. A list is
 * stored only after its hybrid signature verified against the issuer key whose derived id it
 * names, and only if it is not older than the list already held: a replayed old list can never
 * un-revoke a cert.
 *
 * <p>When a list or a push revokes certs, the registry tells its {@link RevocationListener}s
 * inside the storing transaction (the writing node cuts live sessions off there), then publishes
 * a {@link Revoked} event on {@link #CHANNEL} in the same transaction, which every node receives
 * once it commits. The listeners are fixed at construction.
 */
public final class RevocationRegistry {
    /** The event bus channel on which every node hears of new revocations. */
    public static final String CHANNEL = "ratify.revocations";

    private final Database db;
    private final Clock clock;
    private final EventBus events;
    private final java.util.List<RevocationListener> listeners;

    /**
     * Told, inside the transaction that stores a list or a push, which certs became revoked in a
     * workspace (so live sessions can be cut off in the same transaction). Must not throw for
     * ordinary conditions: a throw rolls the revocation back.
     */
    @FunctionalInterface
    public interface RevocationListener {
        void revoked(org.jdbi.v3.core.Handle h, String workspaceId, String issuerId, java.util.Set<String> certIds);
    }

    /**
     * What a revocation event announces: certs of {@code issuerId} became revoked in
     * {@code workspaceId}. Which ones is read from the registry ({@link #isRevoked}); the event
     * stays small.
     */
    public record Revoked(String workspaceId, String issuerId) {
        String message() {
            return workspaceId + " " + issuerId;
        }

        /** The revocation an event on {@link #CHANNEL} announces. */
        public static Revoked of(Event event) {
            String[] parts = event.message().split(" ", 2);
            if (!CHANNEL.equals(event.channel()) || parts.length != 2) {
                throw new IllegalArgumentException("not a revocation event: " + event);
            }
            return new Revoked(parts[0], parts[1]);
        }
    }

    /**
     * @param events    the bus on which every node hears of new revocations
     * @param listeners told in the storing transaction, in this order
     */
    public RevocationRegistry(Database db, Clock clock, EventBus events, java.util.List<RevocationListener> listeners) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.listeners = java.util.List.copyOf(listeners);
    }

    /** What {@link #publish} did. */
    public enum Outcome { STORED, UNCHANGED }

    /**
     * Verifies {@code list} against {@code issuerKey} and makes it the issuer's current list.
     *
     * @throws Invalid when the key does not derive the list's issuer id or the signature fails
     * @throws Conflict when a newer list is already held
     */
    public Outcome publish(String workspaceId, RevocationList list, HybridPublicKey issuerKey) {
        if (!issuerKey.hasValidLengths()) {
            throw new Invalid("issuer_public_key", "key components have the wrong length");
        }
        if (!issuerKey.deriveId().equals(list.issuerId())) {
            throw new Invalid("issuer_public_key",
                    "derives id " + issuerKey.deriveId() + ", not the list's issuer_id " + list.issuerId());
        }
        try {
            Documents.verifyRevocationList(list, issuerKey);
        } catch (SignatureException e) {
            throw new Invalid("revocation_list.signature", "does not verify with the issuer key");
        }
        String document = new String(RatifyJson.encode(list), StandardCharsets.UTF_8);
        return db.write(h -> {
            Optional<Long> held = h.createQuery("""
                    SELECT updated_at FROM ratify_revocation_lists
                    WHERE workspace_id = :ws AND issuer_id = :issuer""")
                    .bind("ws", workspaceId).bind("issuer", list.issuerId())
                    .mapTo(Long.class).findOne();
            if (held.isPresent() && held.get() > list.updatedAt()) {
                throw new Conflict("a newer revocation list (updated_at " + held.get()
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
            java.util.Set<String> before = new java.util.HashSet<>(h.createQuery(
                    "SELECT cert_id FROM ratify_revoked_certs WHERE workspace_id = :ws AND issuer_id = :issuer")
                    .bind("ws", workspaceId).bind("issuer", list.issuerId()).mapTo(String.class).list());
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
            // A full list closes any gap seen in the push sequence.
            h.createUpdate("UPDATE ratify_push_state SET needs_full_list = 0, updated_at = :now "
                            + "WHERE workspace_id = :ws AND issuer_id = :issuer")
                    .bind("now", clock.instant().getEpochSecond()).bind("ws", workspaceId)
                    .bind("issuer", list.issuerId()).execute();
            java.util.Set<String> added = new java.util.TreeSet<>(list.revokedCerts());
            added.removeAll(before);
            notify(h, workspaceId, list.issuerId(), added);
            return Outcome.STORED;
        });
    }

    private void notify(org.jdbi.v3.core.Handle h, String workspaceId, String issuerId, java.util.Set<String> added) {
        if (added.isEmpty()) {
            return;
        }
        for (RevocationListener l : listeners) {
            l.revoked(h, workspaceId, issuerId, java.util.Set.copyOf(added));
        }
        events.publish(h, CHANNEL, new Revoked(workspaceId, issuerId).message());
    }

    /**
     * What a revocation push did: {@code applied} false for a replay (seq_no already seen);
     * {@code gapFrom}..{@code gapTo} name the missed seq_nos when one was skipped, in which case
     * the issuer must publish its full signed list before the state counts as complete again.
     */
    public record PushOutcome(boolean applied, long lastSeqNo, Long gapFrom, Long gapTo, boolean needsFullList,
                              int newlyRevoked) {
    }

    /**
     * Verifies a revocation push (SPEC 5.11) against {@code issuerKey} and applies its entries. A
     * push only adds revocations, so even one that arrives after a gap is applied; the gap is
     * recorded and reported so the full list is fetched.
     */
    public PushOutcome acceptPush(String workspaceId, dev.herald.ratify.RevocationPush push, HybridPublicKey issuerKey) {
        if (!issuerKey.hasValidLengths() || !issuerKey.deriveId().equals(push.issuerId())) {
            throw new Invalid("issuer_public_key", "does not derive the push's issuer_id " + push.issuerId());
        }
        try {
            Documents.verifyRevocationPush(push, issuerKey);
        } catch (dev.herald.ratify.RatifyException e) {
            throw new Invalid("revocation_push.signature", "does not verify with the issuer key");
        }
        long now = clock.instant().getEpochSecond();
        return db.write(h -> {
            Optional<long[]> state = h.createQuery(
                    "SELECT last_seq_no, needs_full_list FROM ratify_push_state WHERE workspace_id = :ws AND issuer_id = :i")
                    .bind("ws", workspaceId).bind("i", push.issuerId())
                    .map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2)}).findOne();
            long last = state.map(st -> st[0]).orElse(0L);
            boolean needsFull = state.map(st -> st[1] == 1).orElse(false);
            if (push.seqNo() <= last) {
                return new PushOutcome(false, last, null, null, needsFull, 0);
            }
            Long gapFrom = null;
            Long gapTo = null;
            if (push.seqNo() > last + 1) {
                gapFrom = last + 1;
                gapTo = push.seqNo() - 1;
                needsFull = true;
            }
            java.util.Set<String> added = new java.util.TreeSet<>();
            for (String certId : new java.util.TreeSet<>(push.entries())) {
                int exists = h.createQuery("SELECT COUNT(*) FROM ratify_revoked_certs "
                                + "WHERE workspace_id = :ws AND cert_id = :c AND issuer_id = :i")
                        .bind("ws", workspaceId).bind("c", certId).bind("i", push.issuerId()).mapTo(Integer.class).one();
                if (exists == 0) {
                    h.createUpdate("INSERT INTO ratify_revoked_certs (workspace_id, cert_id, issuer_id) VALUES (:ws, :c, :i)")
                            .bind("ws", workspaceId).bind("c", certId).bind("i", push.issuerId()).execute();
                    added.add(certId);
                }
            }
            h.createUpdate("DELETE FROM ratify_push_state WHERE workspace_id = :ws AND issuer_id = :i")
                    .bind("ws", workspaceId).bind("i", push.issuerId()).execute();
            h.createUpdate("INSERT INTO ratify_push_state (workspace_id, issuer_id, last_seq_no, needs_full_list, "
                            + "updated_at) VALUES (:ws, :i, :seq, :full, :now)")
                    .bind("ws", workspaceId).bind("i", push.issuerId()).bind("seq", push.seqNo())
                    .bind("full", needsFull ? 1 : 0).bind("now", now).execute();
            notify(h, workspaceId, push.issuerId(), added);
            return new PushOutcome(true, push.seqNo(), gapFrom, gapTo, needsFull, added.size());
        });
    }

    /** True when the cert is revoked in the workspace (any issuer's list or push names it). */
    public boolean isRevoked(String workspaceId, String certId) {
        return db.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM ratify_revoked_certs WHERE workspace_id = :ws AND cert_id = :cert")
                .bind("ws", workspaceId).bind("cert", certId).mapTo(Integer.class).one()) > 0;
    }

    /**
     * The first of {@code certIds} (in the order given, for example a delegation chain's) that is
     * revoked in the workspace, read in the caller's transaction with one query.
     */
    public Optional<String> firstRevoked(org.jdbi.v3.core.Handle h, String workspaceId, java.util.List<String> certIds) {
        if (certIds.isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<String> revoked = new java.util.HashSet<>(h.createQuery(
                "SELECT cert_id FROM ratify_revoked_certs WHERE workspace_id = :ws AND cert_id IN (<certs>)")
                .bind("ws", workspaceId).bindList("certs", certIds).mapTo(String.class).list());
        return certIds.stream().filter(revoked::contains).findFirst();
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
