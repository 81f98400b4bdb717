package dev.herald.voice.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.voice.agents.AgentIdentities;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.ProfilePatch;
import dev.herald.voice.profiles.ProfileService;
import dev.herald.voice.profiles.StoredProfile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing of inbound calls over a real SQLite store: a ring reaches {@link InboundCalls} with the
 * number's profile, objective and provider and the caller's canonical number; unknown numbers,
 * bad caller numbers and stale objectives never reach it.
 */
class NumberServiceTest {
    private static final String WS = "wsp_numbers";

    /** What the port received; answers with a small call-like object. */
    record Rang(String workspaceId, NumberRecord number, String from, String key) {}

    @TempDir
    Path dir;
    private Database db;
    private ProfileService profiles;
    private NumberService numbers;
    private final List<Rang> rang = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("herald.db"), 2, null);
        db.migrate();
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        profiles = new ProfileService(db, new Ids(clock, random), clock, JsonMapping.create(),
                new AgentIdentities(db, clock, random, new SecretBox(key, random)));
        numbers = new NumberService(db, new Ids(clock, random), clock, profiles, (ws, number, from, idem) -> {
            rang.add(new Rang(ws, number, from, idem));
            return Map.of("direction", "inbound", "profile_id", number.profileId(), "objective", number.objective());
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A profile with the demo objective and a second one under {@code secondKey}. */
    private StoredProfile profile(String name, String secondKey) {
        Objective demo = DefaultProfiles.demoQualifier().objectives().getFirst();
        Objective second = new Objective(secondKey, demo.questions(), demo.criteria(), demo.passingScore(), demo.maxAsks(),
                demo.meetingLength());
        ProfilePatch e = ProfilePatch.EMPTY;
        return profiles.create(WS, null, new ProfilePatch(Optional.of(name), e.agentName(), e.systemPrompt(), e.voice(),
                e.language(), e.greeting(), e.aiDisclosure(), e.recordingConsentPrompt(), Optional.of(List.of(demo, second)),
                e.tools(), e.provider(), e.turnDetection()));
    }

    private static List<String> fields(Invalid e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aRingReachesTheNumbersProfileAndObjective() {
        StoredProfile sales = profile("Sales", "renewal");
        StoredProfile support = profile("Support", "triage");
        NumberRecord salesLine = numbers.create(WS, new NumberService.NumberSpec("+1 (415) 555-0100", sales.id(),
                "renewal", null));
        NumberRecord supportLine = numbers.create(WS, new NumberService.NumberSpec("+44 20 7946 0958", support.id(),
                null, "twilio"));
        assertThat(salesLine.number()).isEqualTo("+14155550100");
        assertThat(salesLine.provider()).isEqualTo("simulated");
        assertThat(supportLine.objective()).isEqualTo(DefaultProfiles.QUALIFY_FOR_DEMO);

        Object answer = numbers.ring(WS, salesLine.id(), "+1 212-555-0199", "k1");
        numbers.ring(WS, supportLine.id(), "+33 1 23 45 67 89", null);
        assertThat(rang).extracting(r -> r.number().id(), r -> r.number().profileId(), r -> r.number().objective(),
                        r -> r.number().provider(), Rang::from, Rang::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(salesLine.id(), sales.id(), "renewal", "simulated",
                                "+12125550199", "k1"),
                        org.assertj.core.groups.Tuple.tuple(supportLine.id(), support.id(), "qualify_for_demo", "twilio",
                                "+33123456789", null));
        assertThat(answer).isEqualTo(Map.of("direction", "inbound", "profile_id", sales.id(), "objective", "renewal"));
    }

    @Test
    void unknownNumbersBadCallersAndStaleObjectivesNeverRing() {
        StoredProfile sales = profile("Sales", "renewal");
        NumberRecord line = numbers.create(WS, new NumberService.NumberSpec("+14155550100", sales.id(), "renewal", null));
        assertThatThrownBy(() -> numbers.ring(WS, "num_missing", "+12125550199", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> numbers.ring("wsp_other", line.id(), "+12125550199", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> numbers.ring(WS, line.id(), "212 555 0199", null))
                .isInstanceOfSatisfying(Invalid.class, e -> {
                    assertThat(fields(e)).containsExactly("from");
                    assertThat(e.errors().getFirst().reason()).contains("missing_plus");
                });
        assertThatThrownBy(() -> numbers.ring(WS, line.id(), null, null))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("from"));

        // The profile drops the objective the number routes to: the number must be updated first.
        Objective demo = DefaultProfiles.demoQualifier().objectives().getFirst();
        ProfilePatch e = ProfilePatch.EMPTY;
        profiles.patch(WS, sales.id(), new ProfilePatch(e.name(), e.agentName(), e.systemPrompt(), e.voice(), e.language(),
                e.greeting(), e.aiDisclosure(), e.recordingConsentPrompt(), Optional.of(List.of(demo)), e.tools(),
                e.provider(), e.turnDetection()));
        assertThatThrownBy(() -> numbers.ring(WS, line.id(), "+12125550199", null)).isInstanceOf(Conflict.class);
        assertThat(rang).isEmpty();

        NumberRecord moved = numbers.update(WS, line.id(), new NumberService.NumberSpec(null, null, "qualify_for_demo",
                null));
        numbers.ring(WS, moved.id(), "+12125550199", null);
        assertThat(rang).singleElement().satisfies(r -> assertThat(r.number().objective()).isEqualTo("qualify_for_demo"));
    }

    @Test
    void aNumberRoutesOncePerWorkspaceAndOnlyToAnExistingProfileAndObjective() {
        StoredProfile sales = profile("Sales", "renewal");
        numbers.create(WS, new NumberService.NumberSpec("+14155550100", sales.id(), null, null));
        assertThatThrownBy(() -> numbers.create(WS, new NumberService.NumberSpec("+1 415 555 0100", sales.id(), null,
                null))).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> numbers.create(WS, new NumberService.NumberSpec("+14155550101", "vpr_none", null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("profile_id"));
        assertThatThrownBy(() -> numbers.create(WS, new NumberService.NumberSpec("+14155550101", sales.id(), "sell", null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("objective"));
        assertThatThrownBy(() -> numbers.create(WS, new NumberService.NumberSpec("+1 015 555 0100", null, null, "fax")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e))
                        .containsExactly("profile_id", "number", "provider"));
    }
}
