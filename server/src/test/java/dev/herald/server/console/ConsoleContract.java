package dev.herald.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.VoiceWorkspace;
import dev.herald.voice.calls.CallRecord;
import dev.herald.voice.campaigns.CreateCampaign;
import dev.herald.voice.core.simulation.Persona;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console over a real HTTP port on each store: sign-in with a key (sealed, HttpOnly,
 * SameSite=Strict cookie), refusals on the page, redirects without a session, CSRF on every post,
 * another workspace's call as a 404 page, a simulated call's page with its transcript, decisions
 * and verdict, the console's own event stream, the calls list's filters, and campaign controls.
 */
abstract class ConsoleContract extends RunningHerald {
    private VoiceWorkspace workspace;
    private String callId;

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(VoiceSettings.COMPRESSED);
    }

    /** One workspace with one qualified call, played at compressed speed before the tests look. */
    @BeforeAll
    void placeACall() {
        workspace = VoiceWorkspace.create(herald, http);
        String profile = workspace.profile();
        workspace.knowledge("Pricing", "Herald costs 400 dollars a month per workspace.");
        String lead = workspace.leadPlayedAs(Persona.QUALIFIED_BUYER);
        callId = http.post("/api/v1/voice/calls", workspace.key(), "{\"direction\":\"outbound\",\"lead_id\":\"" + lead
                + "\",\"profile_id\":\"" + profile + "\"}").json().path("id").asText();
        CallRecord done = workspace.awaitEnd(callId);
        assertThat(done.status()).isEqualTo(CallRecord.ENDED);
    }

    private ConsoleClient signedIn() {
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        assertThat(browser.signIn(workspace.key()).status()).isEqualTo(303);
        return browser;
    }

    @Test
    void signInWithAnAdminKey_setsASealedHttpOnlyStrictCookie_andOpensTheOverview() {
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        ConsoleClient.Page answer = browser.signIn(workspace.key());

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/console");
        String setCookie = answer.header("Set-Cookie");
        assertThat(setCookie).startsWith(SessionCookie.NAME + "=").contains("; HttpOnly", "; SameSite=Strict",
                "; Path=/console", "; Max-Age=43200");
        assertThat(browser.cookie()).as("the key is sealed, never in clear").doesNotContain(workspace.key())
                .startsWith("v1:");

        ConsoleClient.Page overview = browser.get("/console");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.header("Content-Type")).startsWith("text/html");
        assertThat(overview.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(overview.body()).contains("<h1>Overview</h1>", "Connect rate", "Qualified rate",
                "Average duration", "Meetings booked", "id=\"daily-chart\"", "/console/assets/echarts.min.js")
                .contains("Simulated provider").contains(workspace.id());
    }

    @Test
    void aProjectKeySignsIn_butAPlatformKeyIsRefusedOnThePage() {
        var projects = herald.services().projects();
        var project = projects.findOrCreate(workspace.id(), "console-" + UUID.randomUUID());
        IssuedKey projectKey = herald.services().apiKeys().issueForProject(project, "console");
        IssuedKey platformKey = herald.services().apiKeys().issueForPlatform(project, "platform");

        assertThat(new ConsoleClient(herald.baseUrl()).signIn(projectKey.secret().reveal()).status()).isEqualTo(303);
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        ConsoleClient.Page refused = browser.signIn(platformKey.secret().reveal());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("voice platform's key cannot sign in");
        assertThat(browser.cookie()).isNull();
    }

    @Test
    void aBadKey_isSaidOnTheSignInPage_withoutATrace() {
        for (String key : List.of("hk_live_not-a-key", "x".repeat(5000), "   ")) {
            ConsoleClient browser = new ConsoleClient(herald.baseUrl());
            ConsoleClient.Page page = browser.signIn(key);
            assertThat(page.status()).as(key).isIn(401, 422);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("role=\"alert\"", "<form class=\"signin\"")
                    .doesNotContain("Exception", "at dev.herald");
            assertThat(browser.cookie()).isNull();
        }
    }

    @Test
    void pagesWithoutASession_goToSignIn() {
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        for (String path : List.of("/console", "/console/calls", "/console/calls/" + callId,
                "/console/calls/" + callId + "/events", "/console/campaigns", "/console/campaigns/cmp_x")) {
            ConsoleClient.Page page = browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(303);
            assertThat(page.header("Location")).as(path).isEqualTo("/console/login");
        }
        // htmx swaps what it gets: it is told to load the sign-in page instead.
        ConsoleClient.Page fragment = browser.get("/console/calls", "HX-Request", "true", "HX-Target", "calls");
        assertThat(fragment.header("HX-Redirect")).isEqualTo("/console/login");

        // A forged, altered or foreign cookie is no session either.
        String good = signedIn().cookie();
        String altered = good.substring(0, good.length() - 6) + (good.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        for (String forged : List.of("v1:AAAA", altered, "v1:" + "A".repeat(3000), workspace.key())) {
            browser.cookie(forged);
            assertThat(browser.get("/console").status()).as(forged).isEqualTo(303);
        }
    }

    @Test
    void aRevokedKey_endsItsConsoleSessions() {
        IssuedKey key = herald.services().bootstrap().createKey(workspace.id(), null, "revoked-later");
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        assertThat(browser.signIn(key.secret().reveal()).status()).isEqualTo(303);
        assertThat(browser.get("/console").status()).isEqualTo(200);
        herald.services().apiKeys().revoke(key.workspaceId(), key.id());
        assertThat(browser.get("/console").status()).isEqualTo(303);
    }

    @Test
    void everyPost_needsTheSessionsCsrfToken_andSignOutClearsTheCookie() {
        ConsoleClient browser = signedIn();
        String csrf = browser.get("/console").csrf();

        ConsoleClient.Page none = browser.post("/console/logout", new String[]{});
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF");
        assertThat(browser.post("/console/logout", new String[]{"csrf", csrf + "x"}).status()).isEqualTo(403);
        // Another session's token is not this one's.
        String other = signedIn().get("/console").csrf();
        assertThat(other).isNotEqualTo(csrf);
        assertThat(browser.post("/console/logout", new String[]{"csrf", other}).status()).isEqualTo(403);
        // Sent from another site, even with the token.
        assertThat(browser.post("/console/logout", new String[]{"csrf", csrf}, "Origin", "https://evil.example")
                .status()).isEqualTo(403);
        assertThat(browser.get("/console").status()).as("still signed in").isEqualTo(200);

        ConsoleClient.Page out = browser.post("/console/logout", new String[]{"csrf", csrf});
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/console/login");
        assertThat(out.header("Set-Cookie")).contains("Max-Age=0", "Path=/console");
        assertThat(browser.cookie()).isNull();
        assertThat(browser.get("/console").status()).isEqualTo(303);
    }

    @Test
    void anotherWorkspacesCall_isA404Page_likeAMissingOne() {
        VoiceWorkspace other = VoiceWorkspace.create(herald, http);
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        assertThat(browser.signIn(other.key()).status()).isEqualTo(303);

        ConsoleClient.Page foreign = browser.get("/console/calls/" + callId);
        ConsoleClient.Page missing = browser.get("/console/calls/call_missing");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body()).contains("Not found").doesNotContain(callId);
        assertThat(browser.get("/console/calls/" + callId + "/events").status()).isEqualTo(404);
        assertThat(browser.get("/console/calls").body()).doesNotContain(callId);
    }

    @Test
    void aSimulatedCallsPage_showsItsTranscriptDecisionsVerdictAndThatItWasSimulated() {
        ConsoleClient.Page page = signedIn().get("/console/calls/" + callId);

        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1>Call <code>" + callId + "</code></h1>")
                .contains("this call ran on the simulated provider", "badge sim\">simulated<")
                .contains("<h2>Transcript</h2>", "<li class=\"turn agent\"><span class=\"who\">Agent</span>",
                        "<li class=\"turn user\"><span class=\"who\">Caller</span>")
                .contains("<span class=\"who\">Governance</span> agent turn: <strong>allow</strong>")
                .contains("<span class=\"who\">Governance</span> tool ")
                .contains("<h2>Verdict</h2>", "<dt>Qualified</dt><dd>yes</dd>", "<caption>Answers</caption>")
                .contains("<dt>Cost</dt><dd>0.0000 USD</dd>", "<dt>Outcome</dt><dd>qualified</dd>")
                .contains("<h2>Recording</h2>", "<h2>Governance</h2>", "/attestation?project=")
                .doesNotContain("sse-connect");
        // Every line the agent said is on the page, in the order it was said.
        var stored = herald.services().voice().callQueries().get(workspace.id(), callId).transcript();
        int at = 0;
        for (var turn : stored) {
            String said = "<span class=\"said\">" + escape(turn.text()) + "</span>";
            int found = html.indexOf(said, at);
            assertThat(found).as("turn '" + turn.text() + "' after position " + at).isGreaterThanOrEqualTo(0);
            at = found;
        }
    }

    @Test
    void theConsoleStream_replaysAnEndedCallAsPageFragments_andEndsWithTheWholeCall() {
        ConsoleClient.Page stream = signedIn().get("/console/calls/" + callId + "/events");

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        String body = stream.body();
        assertThat(body).contains("event: utterance.final\ndata: <li class=\"turn ")
                .contains("event: turn.decision\ndata: <li class=\"decision allow\">")
                .contains("event: call.answered\ndata: in progress")
                .contains("event: call.verdict\ndata: <article id=\"call\" class=\"call\">");
        assertThat(body.trim()).as("the stream ends with the verdict").endsWith("</article>");
        // A client that has the whole stream is told to stop, as on the API.
        long last = herald.services().voice().callEvents().lastSeq(callId).orElseThrow();
        assertThat(signedIn().get("/console/calls/" + callId + "/events", "Last-Event-ID", Long.toString(last))
                .status()).isEqualTo(204);
    }

    @Test
    void theCallsList_filtersAndAnswersHtmxWithTheTableAlone() {
        ConsoleClient browser = signedIn();
        ConsoleClient.Page all = browser.get("/console/calls");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("<a href=\"/console/calls/" + callId + "\">", "<label for=\"outcome\">");

        assertThat(browser.get("/console/calls?outcome=qualified&direction=outbound").body()).contains(callId);
        assertThat(browser.get("/console/calls?outcome=no_answer").body()).doesNotContain(callId)
                .contains("No calls match.");
        String today = Instant.now().toString().substring(0, 10);
        String tomorrow = Instant.now().plus(2, ChronoUnit.DAYS).toString().substring(0, 10);
        assertThat(browser.get("/console/calls?from=" + tomorrow).body()).doesNotContain(callId);

        ConsoleClient.Page fragment = browser.get("/console/calls?outcome=qualified", "HX-Request", "true",
                "HX-Target", "calls");
        assertThat(fragment.body()).startsWith("<section id=\"calls\"").doesNotContain("<html").contains(callId);

        ConsoleClient.Page bad = browser.get("/console/calls?outcome=maybe&from=31-01-2026&cursor=%21&to=" + today);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<strong>outcome</strong>", "<strong>from</strong>", "<strong>cursor</strong>")
                .doesNotContain(callId);
    }

    @Test
    void campaignControls_changeTheStateWithTheToken_andARefusedChangeIsSaidInline() {
        String profile = workspace.profile();
        String lead = workspace.lead("Grace Hopper", "UTC", "granted", false);
        String id = herald.services().voice().campaigns().create(workspace.id(), new CreateCampaign(List.of(lead),
                "Spring push", "qualify_for_demo", profile, null, null, null, null, null,
                Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())).id();
        ConsoleClient browser = signedIn();

        ConsoleClient.Page page = browser.get("/console/campaigns/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Spring push", "<caption>Leads by state</caption>", lead)
                .as("a scheduled campaign can be cancelled, not paused").contains(">Cancel campaign</button>")
                .doesNotContain(">Pause</button>");
        assertThat(browser.get("/console/campaigns").body()).contains("Spring push");
        String csrf = page.csrf();

        assertThat(browser.post("/console/campaigns/" + id + "/cancel", new String[]{}).status()).isEqualTo(403);
        assertThat(herald.services().voice().campaigns().get(workspace.id(), id).state()).isEqualTo("scheduled");

        ConsoleClient.Page notNow = browser.post("/console/campaigns/" + id + "/pause", new String[]{"csrf", csrf},
                "HX-Request", "true");
        assertThat(notNow.status()).isEqualTo(409);
        assertThat(notNow.body()).contains("class=\"error\" role=\"alert\"", "<dd id=\"campaign-state\">scheduled</dd>");

        ConsoleClient.Page cancelled = browser.post("/console/campaigns/" + id + "/cancel", new String[]{"csrf", csrf});
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(cancelled.header("Location")).isEqualTo("/console/campaigns/" + id);
        assertThat(herald.services().voice().campaigns().get(workspace.id(), id).state()).isEqualTo("cancelled");
        assertThat(browser.get("/console/campaigns/" + id).body()).contains("<dd id=\"campaign-state\">cancelled</dd>")
                .doesNotContain(">Cancel campaign</button>");

        // Sent again (a double click, a replayed form): refused in place, nothing changes.
        ConsoleClient.Page again = browser.post("/console/campaigns/" + id + "/cancel", new String[]{"csrf", csrf},
                "HX-Request", "true");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("class=\"error\" role=\"alert\"", "<dd id=\"campaign-state\">cancelled</dd>");
        assertThat(herald.services().voice().campaigns().get(workspace.id(), id).state()).isEqualTo("cancelled");

        VoiceWorkspace other = VoiceWorkspace.create(herald, http);
        ConsoleClient stranger = new ConsoleClient(herald.baseUrl());
        stranger.signIn(other.key());
        assertThat(stranger.get("/console/campaigns/" + id).status()).isEqualTo(404);
        String theirs = stranger.get("/console").csrf();
        assertThat(stranger.post("/console/campaigns/" + id + "/resume", new String[]{"csrf", theirs}).status())
                .isEqualTo(404);
    }

    @Test
    void assetsAreServedFromTheJar() {
        ConsoleClient browser = new ConsoleClient(herald.baseUrl());
        for (String name : List.of("htmx.min.js", "sse.js", "echarts.min.js", "console.js", "console.css")) {
            ConsoleClient.Page asset = browser.get("/console/assets/" + name);
            assertThat(asset.status()).as(name).isEqualTo(200);
            assertThat(asset.body()).as(name).isNotBlank();
        }
        assertThat(browser.get("/console/assets/htmx.min.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(browser.get("/console/assets/sse.js").body()).contains("defineExtension(\"sse\"");
        assertThat(browser.get("/console/assets/../../openapi.json").status()).isNotEqualTo(200);
        assertThat(browser.get("/console/assets/nothing.js").status()).isEqualTo(404);
    }

    private static String escape(String s) {
        // Text between tags is escaped as JTE escapes it there: &, < and >.
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
