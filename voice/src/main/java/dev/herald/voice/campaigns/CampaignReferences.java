package dev.herald.voice.campaigns;

import dev.herald.platform.domain.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * The port through which a new campaign checks what it names in other packages: its leads (crm),
 * its profile and objective (profiles), its calendar (calendar) and the workspace's live-call
 * limit (workspace). The composition root wires it
 * to those services. Reads only; thread-safe.
 */
public interface CampaignReferences {
    /** The ids among {@code leadIds} that name no lead of the workspace, in the order given. */
    List<String> unknownLeads(String workspaceId, List<String> leadIds);

    /**
     * Why {@code profileId} with {@code objective} cannot run a campaign (error on field
     * {@code profile_id} or {@code objective}), or empty when it can.
     */
    Optional<FieldError> profileProblem(String workspaceId, String profileId, String objective);

    /** Why {@code connectorId} names no usable calendar (field {@code calendar_connector_id}), or empty. */
    Optional<FieldError> calendarProblem(String workspaceId, String connectorId);

    /** The most calls the workspace may have live at once (its voice settings). */
    int liveCallLimit(String workspaceId);
}
