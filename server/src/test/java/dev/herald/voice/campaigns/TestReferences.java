package dev.herald.voice.campaigns;

import dev.herald.platform.domain.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CampaignReferences} of the tests: leads, profiles and calendars the test declared
 * (the crm, profiles and calendar packages are wired in at merge).
 */
final class TestReferences implements CampaignReferences {
    static final String PROFILE = "vpr_test";
    static final String OBJECTIVE = "qualify_for_demo";
    static final String CALENDAR = "cal_test";
    final Set<String> leads = ConcurrentHashMap.newKeySet();
    volatile int liveCallLimit = 1000;

    @Override
    public List<String> unknownLeads(String workspaceId, List<String> leadIds) {
        return leadIds.stream().filter(id -> !leads.contains(id)).toList();
    }

    @Override
    public Optional<FieldError> profileProblem(String workspaceId, String profileId, String objective) {
        if (!PROFILE.equals(profileId)) {
            return Optional.of(new FieldError("profile_id", "names no profile of this workspace"));
        }
        return OBJECTIVE.equals(objective) ? Optional.empty()
                : Optional.of(new FieldError("objective", "is not an objective of profile " + profileId));
    }

    @Override
    public Optional<FieldError> calendarProblem(String workspaceId, String connectorId) {
        return CALENDAR.equals(connectorId) ? Optional.empty()
                : Optional.of(new FieldError("calendar_connector_id", "names no calendar of this workspace"));
    }

    @Override
    public int liveCallLimit(String workspaceId) {
        return liveCallLimit;
    }
}
