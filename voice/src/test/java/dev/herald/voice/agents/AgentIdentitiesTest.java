package dev.herald.voice.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.store.StoreException;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.FailureReason;
import dev.herald.ratify.IdentityStatus;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.Verifier;
import dev.herald.ratify.VerifyOptions;
import dev.herald.ratify.VerifyResult;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.ProfilePatch;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.profiles.ProfileService;
import dev.herald.voice.profiles.StoredProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile's agent over a real SQLite store: the bundle present() builds verifies with the
 * Ratify verifier for every scope its tools need and for no other; the cert follows tool changes;
 * the private seeds are stored sealed.
 */
class AgentIdentitiesTest {
    private static final String WS = "wsp_test";
    private static final List<String> ALL = List.of("meeting:attend", "meeting:speak", "execute:tool", "data:write",
            "comms:message:send");

    @TempDir
    Path dir;
    private Database db;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final byte[] masterKey = new byte[32];
    private AgentIdentities agents;
    private ProfileService profiles;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("herald.db"), 2, null);
        db.migrate();
        random.nextBytes(masterKey);
        agents = new AgentIdentities(db, clock, random, new SecretBox(masterKey, random));
        profiles = new ProfileService(db, new Ids(clock, random), clock, JsonMapping.create(), agents);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private StoredProfile create(String name) {
        return profiles.create(WS, null, named(name));
    }

    /** A patch that sets only the name (what a create needs at least). */
    static ProfilePatch named(String name) {
        ProfilePatch e = ProfilePatch.EMPTY;
        return new ProfilePatch(Optional.of(name), e.agentName(), e.systemPrompt(), e.voice(), e.language(), e.greeting(),
                e.aiDisclosure(), e.recordingConsentPrompt(), e.objectives(), e.tools(), e.provider(), e.turnDetection());
    }

    private static VerifyResult verify(ProofBundle bundle, String scope, Bytes sessionContext) {
        // The verifier reads the bundle's wire bytes, as a remote party would.
        VerifyOptions.Builder options = VerifyOptions.builder(Clock.systemUTC()).requiredScope(scope);
        if (sessionContext != null) {
            options.sessionContext(sessionContext);
        }
        return Verifier.create().verifyWire(RatifyJson.encode(bundle), options.build());
    }

    private static Bytes random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Bytes.of(b);
    }

    @Test
    void aPresentedBundleVerifiesForEveryScopeTheToolsNeed() {
        StoredProfile p = create("All tools");
        Bytes context = random32();
        ProofBundle bundle = agents.present(WS, p.id(), random32(), context);
        assertThat(bundle.agentId()).isEqualTo(agents.agentId(WS, p.id()));
        for (String scope : ALL) {
            VerifyResult result = verify(bundle, scope, context);
            assertThat(result.valid()).as(scope + ": " + result.errorReason()).isTrue();
            assertThat(result.identityStatus()).isEqualTo(IdentityStatus.AUTHORIZED_AGENT);
            assertThat(result.agentId()).isEqualTo(bundle.agentId());
        }
        assertThat(verify(bundle, "payments:send", context).valid()).isFalse();
        assertThat(verify(bundle, "meeting:speak", random32()).valid()).as("another session's context").isFalse();
        assertThat(verify(agents.present(WS, p.id(), random32(), null), "meeting:speak", null).valid()).isTrue();
    }

    @Test
    void withoutBookMeetingOrUpdateLeadTheAgentHasNoDataWrite() {
        Objective demo = DefaultProfiles.demoQualifier().objectives().getFirst();
        Objective noMeeting = new Objective(demo.key(), demo.questions(), demo.criteria(), demo.passingScore(),
                demo.maxAsks(), Optional.empty());
        ProfilePatch values = named("Talker")
                .withTools(EnumSet.of(Tool.SEARCH_KNOWLEDGE, Tool.LOOKUP_LEAD, Tool.END_CALL));
        values = new ProfilePatch(values.name(), values.agentName(), values.systemPrompt(), values.voice(),
                values.language(), values.greeting(), values.aiDisclosure(), values.recordingConsentPrompt(),
                Optional.of(List.of(noMeeting)), values.tools(), values.provider(), values.turnDetection());
        StoredProfile p = profiles.create(WS, null, values);
        ProofBundle bundle = agents.present(WS, p.id(), random32(), null);
        assertThat(verify(bundle, "execute:tool", null).valid()).isTrue();
        VerifyResult write = verify(bundle, "data:write", null);
        assertThat(write.valid()).isFalse();
        assertThat(write.reason()).isEqualTo(FailureReason.SCOPE_DENIED);
        assertThat(verify(bundle, "comms:message:send", null).valid()).isFalse();
        assertThat(agents.identity(WS, p.id()).scopes()).containsExactly("meeting:attend", "meeting:speak",
                "execute:tool");
    }

    @Test
    void theCertIsReissuedWhenTheToolsChangeTheScopesAndKeptOtherwise() {
        StoredProfile p = create("Changing");
        AgentIdentity first = agents.identity(WS, p.id());
        profiles.patch(WS, p.id(), ProfilePatch.EMPTY.withSystemPrompt("Shorter."));
        assertThat(agents.identity(WS, p.id()).cert()).isEqualTo(first.cert());

        // Without send_follow_up the agent loses comms:message:send; its key (and id) stay.
        profiles.patch(WS, p.id(), ProfilePatch.EMPTY.withTools(EnumSet.complementOf(EnumSet.of(Tool.SEND_FOLLOW_UP))));
        AgentIdentity second = agents.identity(WS, p.id());
        assertThat(second.cert().certId()).isNotEqualTo(first.cert().certId());
        assertThat(second.agentId()).isEqualTo(first.agentId());
        assertThat(second.scopes()).doesNotContain("comms:message:send").contains("data:write");
        assertThat(verify(agents.present(WS, p.id(), random32(), null), "comms:message:send", null).valid()).isFalse();

        // Every agent of a workspace is delegated by the same root; another workspace has its own.
        StoredProfile other = create("Sibling");
        assertThat(agents.identity(WS, other.id()).rootId()).isEqualTo(first.rootId());
        StoredProfile elsewhere = profiles.create("wsp_other", null, named("Elsewhere"));
        assertThat(agents.identity("wsp_other", elsewhere.id()).rootId()).isNotEqualTo(first.rootId());
    }

    @Test
    void privateSeedsAreStoredSealedAndOpenOnlyWithTheInstallsKey() throws Exception {
        StoredProfile p = create("Sealed");
        List<String> stored = db.read(h -> h.createQuery("SELECT sealed_seeds FROM voice_agent_identities")
                .mapTo(String.class).list());
        assertThat(stored).hasSize(2).allSatisfy(s -> {
            assertThat(SecretBox.isSealed(s)).isTrue();
            assertThat(s).doesNotContain("ed25519_seed");
        });
        byte[] otherKey = new byte[32];
        random.nextBytes(otherKey);
        AgentIdentities wrongKey = new AgentIdentities(db, clock, random, new SecretBox(otherKey, random));
        assertThatThrownBy(() -> wrongKey.present(WS, p.id(), random32(), null)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> agents.agentId("wsp_other", p.id())).isInstanceOf(NotFound.class);
        assertThat(Files.size(dir.resolve("herald.db"))).isPositive();
    }
}
