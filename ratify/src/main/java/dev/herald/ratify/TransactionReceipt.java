package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/** A multi-party transaction envelope (SPEC 5.14); every party signs the same bytes (6.4.7). */
public record TransactionReceipt(
        int version,
        String transactionId,
        long createdAt,
        String termsSchemaUri,
        Bytes termsCanonicalJson,
        List<Party> parties,
        List<PartySignature> partySignatures) {

    public TransactionReceipt {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(termsSchemaUri, "termsSchemaUri");
        Objects.requireNonNull(termsCanonicalJson, "termsCanonicalJson");
        parties = List.copyOf(parties);
        partySignatures = List.copyOf(partySignatures);
    }

    /** One party; only id, role, agent id and key enter the signable bytes. */
    public record Party(String partyId, String role, String agentId, HybridPublicKey agentPubKey,
            ProofBundle proofBundle) {
        public Party {
            Objects.requireNonNull(partyId, "partyId");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(agentPubKey, "agentPubKey");
            Objects.requireNonNull(proofBundle, "proofBundle");
        }
    }

    public record PartySignature(String partyId, HybridSignature signature) {
        public PartySignature {
            Objects.requireNonNull(partyId, "partyId");
            Objects.requireNonNull(signature, "signature");
        }
    }

    public byte[] signableBytes() {
        return SignableBytes.transactionReceipt(this);
    }
}
