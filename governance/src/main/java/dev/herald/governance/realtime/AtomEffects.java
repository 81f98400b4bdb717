package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.PolicyEngine;
import dev.herald.governance.policy.PolicyRules;
import java.util.Set;

/**
 * What an accepted atom means for the session's policy state: the AI disclosure and consent
 * markers, outbound speech before disclosure, recording before consent, and card numbers in
 * inbound transcript spans (redacted from the stored payload). Mutable, one per batch; not
 * thread-safe.
 */
final class AtomEffects {
    static final Set<String> DISCLOSURE_MARKERS = Set.of("ai_disclosure", "ai_disclosure_emitted", "disclosure");
    static final Set<String> CONSENT_MARKERS = Set.of("consent_granted", "explicit_consent", "recording_consent_granted");
    static final Set<String> RECORDING_MARKERS = Set.of("recording_started", "recording_start");

    private final PolicyRules rules;
    boolean disclosureSeen;
    boolean consentSeen;
    String pendingViolation;

    AtomEffects(PolicyRules rules, boolean disclosureSeen, boolean consentSeen, String pendingViolation) {
        this.rules = rules;
        this.disclosureSeen = disclosureSeen;
        this.consentSeen = consentSeen;
        this.pendingViolation = pendingViolation;
    }

    static boolean isDisclosure(String marker) {
        return DISCLOSURE_MARKERS.contains(marker);
    }

    /**
     * Applies an accepted atom; returns the payload to store (redacted when needed) and writes the
     * flags it raised into {@code attributes}.
     */
    ObjectNode apply(Atom atom, ObjectNode attributes) {
        ObjectNode payload = atom.payload().deepCopy();
        switch (atom.atomType()) {
            case "lifecycle_marker" -> {
                String marker = payload.path("marker_type").asText();
                if (DISCLOSURE_MARKERS.contains(marker)) {
                    disclosureSeen = true;
                } else if (CONSENT_MARKERS.contains(marker)) {
                    consentSeen = true;
                } else if (RECORDING_MARKERS.contains(marker) && rules.requireExplicitConsent() && !consentSeen) {
                    flag(PolicyEngine.EXPLICIT_CONSENT_MISSING, attributes);
                }
            }
            case "transcript_span" -> {
                String text = payload.path("text").asText();
                if ("outbound".equals(atom.direction()) && rules.requireAiDisclosure() && !disclosureSeen) {
                    flag(PolicyEngine.AI_DISCLOSURE_MISSING, attributes);
                }
                if ("inbound".equals(atom.direction()) && rules.denyPaymentCardCollection()) {
                    String redacted = CardNumbers.redact(text);
                    if (!redacted.equals(text)) {
                        payload.put("text", redacted);
                        attributes.putArray("redactions").add("payment_card");
                        flag(PolicyEngine.PAYMENT_CARD_COLLECTION, attributes);
                    }
                }
            }
            default -> { }
        }
        return payload;
    }

    private void flag(String violation, ObjectNode attributes) {
        attributes.put("policy_flag", violation);
        attributes.put("severity", "warning");
        if (pendingViolation == null) {
            pendingViolation = violation;
        }
    }
}
