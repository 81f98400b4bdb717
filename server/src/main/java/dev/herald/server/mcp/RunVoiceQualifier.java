package dev.herald.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.idempotency.Fingerprint;
import dev.herald.platform.idempotency.IdempotentWrites;
import dev.herald.voice.campaigns.Campaign;
import dev.herald.voice.campaigns.CampaignService;
import dev.herald.voice.campaigns.CreateCampaign;
import dev.herald.voice.profiles.ProfileService;
import dev.herald.voice.profiles.StoredProfile;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * {@code run_voice_qualifier}: starts an outbound qualification campaign (a call batch) through
 * {@link CampaignService#create}, the service behind {@code POST /api/v1/voice/campaigns}, with the
 * same arguments and the same checks. {@code profile_id} may be left out when the workspace has
 * exactly one voice profile. Under {@code idempotency_key} the call runs at most once: the same key
 * with the same arguments answers the first campaign as it was first answered ({@code replayed:
 * true}), with other arguments it is refused. Keys share the records (and scope) of the REST
 * API's {@code Idempotency-Key}.
 */
final class RunVoiceQualifier implements McpTool {
    static final String NAME = "run_voice_qualifier";
    static final String KEY = "idempotency_key";
    /** How many profiles a "which profile?" error names. */
    static final int PROFILES_LISTED = 20;

    private final CampaignService campaigns;
    private final ProfileService profiles;
    private final Idempotency idempotency;

    RunVoiceQualifier(CampaignService campaigns, ProfileService profiles, Idempotency idempotency) {
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.idempotency = idempotency;
    }

    /** What the tool answers: the call batch's id, state and counts, and the campaign as the REST API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Started(String callBatchId, String state, JsonNode progress, boolean replayed, JsonNode campaign) {
        static Started of(JsonNode campaign, boolean replayed) {
            return new Started(campaign.path("id").asText(), campaign.path("state").asText(), campaign.path("progress"),
                    replayed, campaign);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(Caller caller, ToolArguments arguments) {
        String key = arguments.text(KEY);
        if (key != null) {
            Idempotency.checkKey(KEY, key);
        }
        CreateCampaign body = arguments.without(KEY).as(CreateCampaign.class);
        ObjectMapper json = arguments.mapper();
        if (key == null) {
            return Started.of(json.valueToTree(start(caller, body)), false);
        }
        // What the tool was asked, in one byte form: a retry with the same arguments in another order matches.
        Fingerprint fingerprint = Fingerprint.of(NAME.getBytes(StandardCharsets.UTF_8),
                CanonicalJson.bytes(json.valueToTree(body)));
        IdempotentWrites.Answered answered;
        try {
            answered = idempotency.once(caller, key, fingerprint,
                    () -> Idempotency.Outcome.created(start(caller, body)));
        } catch (Conflict e) {
            throw new Conflict(KEY + " '" + key + "' was already used with different arguments; use a new key for a "
                    + "new campaign");
        }
        try {
            return Started.of(json.readTree(answered.answer().json()), answered.replayed());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept campaign answer is not JSON", e);
        }
    }

    /** Creates the campaign, with the workspace's only profile when none is named. */
    private Campaign start(Caller caller, CreateCampaign body) {
        String ws = caller.workspaceId();
        if (body.profileId() != null) {
            return campaigns.create(ws, body);
        }
        Page<StoredProfile> page = profiles.list(ws, new PageRequest(PROFILES_LISTED, null));
        if (page.data().size() == 1 && !page.hasMore()) {
            return campaigns.create(ws, withProfile(body, page.data().getFirst().id()));
        }
        try {
            // Without a profile the service's checks still run, so every other bad argument is named too.
            return campaigns.create(ws, body);
        } catch (Invalid e) {
            throw new Invalid(e.errors().stream()
                    .map(f -> f.field().equals("profile_id") ? new FieldError("profile_id", whichProfile(page)) : f)
                    .toList());
        }
    }

    private static String whichProfile(Page<StoredProfile> page) {
        if (page.data().isEmpty()) {
            return "is required: this workspace has no voice profile yet; create one with POST /api/v1/voice/profiles "
                    + "(for example {\"name\": \"Ava\"}) and pass its id";
        }
        String listed = page.data().stream().map(p -> p.id() + " (" + p.profile().name() + ")")
                .collect(Collectors.joining(", "));
        String count = page.hasMore() ? "more than " + page.data().size() : String.valueOf(page.data().size());
        return "is required: this workspace has " + count + " voice profiles; pass one of " + listed
                + (page.hasMore() ? ", ... (GET /api/v1/voice/profiles lists them all)" : "");
    }

    private static CreateCampaign withProfile(CreateCampaign b, String profileId) {
        return new CreateCampaign(b.leadIds(), b.name(), b.objective(), profileId, b.calendarConnectorId(),
                b.maxConcurrentCalls(), b.callsPerMinute(), b.callingWindow(), b.retry(), b.startAt());
    }
}
