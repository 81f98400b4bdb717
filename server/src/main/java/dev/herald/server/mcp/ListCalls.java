package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.PageRequest;
import dev.herald.voice.calls.CallFilter;
import dev.herald.voice.calls.CallQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code list_calls}: the workspace's calls, newest first and cursor-paged, narrowed by lead,
 * profile, outcome, direction, campaign and a creation-time range; the same page
 * {@code GET /api/v1/voice/calls} answers, through {@link CallQueries}. The time range is named
 * {@code since} (inclusive) and {@code until} (exclusive) here, where the query string says
 * {@code from} and {@code to}.
 */
final class ListCalls implements McpTool {
    static final String NAME = "list_calls";
    /** The REST parameter each argument is, where the names differ. */
    private static final Map<String, String> QUERY_NAMES = Map.of("since", "from", "until", "to");

    private final CallQueries calls;

    ListCalls(CallQueries calls) {
        this.calls = calls;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Arguments(String leadId, String profileId, String outcome, String direction, String campaignId,
                     String since, String until, String cursor, Integer limit) {
        /** The argument behind a query parameter's name. */
        String byQueryName(String parameter) {
            return switch (parameter) {
                case "lead_id" -> leadId;
                case "profile_id" -> profileId;
                case "outcome" -> outcome;
                case "direction" -> direction;
                case "campaign_id" -> campaignId;
                case "from" -> since;
                case "to" -> until;
                default -> null;
            };
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(Caller caller, ToolArguments arguments) {
        Arguments a = arguments.as(Arguments.class);
        // The filter's and the page's bad arguments are named together, as the route names its parameters.
        List<FieldError> errors = new ArrayList<>();
        CallFilter filter = null;
        PageRequest page = null;
        try {
            filter = CallFilter.from(a::byQueryName);
        } catch (Invalid e) {
            e.errors().forEach(f -> errors.add(renamed(f)));
        }
        try {
            page = PageRequest.of(a.limit() == null ? null : a.limit().toString(), a.cursor());
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return calls.list(caller.workspaceId(), filter, page);
    }

    /** A filter error in this tool's argument names ({@code to} must be after {@code from} speaks of until and since). */
    private static FieldError renamed(FieldError f) {
        String field = f.field();
        for (Map.Entry<String, String> e : QUERY_NAMES.entrySet()) {
            if (field.equals(e.getValue())) {
                field = e.getKey();
            }
        }
        String reason = f.reason().equals("must be after from") ? "must be after since" : f.reason();
        return new FieldError(field, reason);
    }
}
