package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.voice.campaigns.Campaign;
import dev.herald.voice.campaigns.CampaignService;
import dev.herald.voice.campaigns.LeadResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code get_call_results}: a call batch's progress (leads by state and by outcome) and one page of
 * its per-lead results, as {@code GET /api/v1/voice/campaigns/{id}} and {@code .../results} answer
 * them, through {@link CampaignService}. Pages hold up to {@value #MAX_LIMIT} leads; pass
 * {@code next_cursor} back as {@code cursor} for the next. Another workspace's batch is not found.
 */
final class GetCallResults implements McpTool {
    static final String NAME = "get_call_results";
    static final int MAX_LIMIT = PageRequest.MAX_LIMIT;

    private final CampaignService campaigns;

    GetCallResults(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Arguments(String callBatchId, String cursor, Integer limit) {
    }

    /** The batch's standing and one page of its leads' results. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Results(String callBatchId, String state, Campaign.Progress progress, String completedAt,
                   List<LeadResult> results, boolean hasMore, String nextCursor) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(Caller caller, ToolArguments arguments) {
        Arguments a = arguments.as(Arguments.class);
        List<FieldError> errors = new ArrayList<>();
        if (a.callBatchId() == null || a.callBatchId().isBlank()) {
            errors.add(new FieldError("call_batch_id", "is required (the call_batch_id run_voice_qualifier answered)"));
        }
        PageRequest page = null;
        try {
            page = PageRequest.of(a.limit() == null ? String.valueOf(MAX_LIMIT) : a.limit().toString(), a.cursor());
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        Campaign campaign = campaigns.get(caller.workspaceId(), a.callBatchId());
        Page<LeadResult> results = campaigns.results(caller.workspaceId(), a.callBatchId(), page);
        return new Results(campaign.id(), campaign.state(), campaign.progress(), campaign.completedAt(),
                results.data(), results.hasMore(), results.nextCursor());
    }
}
