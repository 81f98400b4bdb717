package dev.herald.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.StoreExtension;
import dev.herald.voice.VoiceWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console in a real browser (Debian's Chromium, headless, driven by Playwright; never a
 * downloaded browser): sign in with the key, open a live call's page, and watch the caller's and
 * the agent's lines and the governance decisions arrive over the console's event stream while the
 * call goes on; when the call ends, the page turns into the ended call with its verdict by itself.
 * The call is a test call, whose callee this test drives turn by turn over the API.
 */
class ConsoleBrowserTest extends RunningHerald {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final double WAIT_MS = 30_000;

    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }

    @Test
    void aLiveCallsPage_showsLinesAsTheyAreSaid_thenTheVerdict() {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (.ci/run installs it: apt-get install chromium)");
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        String profile = w.profile();
        w.knowledge("Pricing", "Herald costs 400 dollars a month per workspace.");
        JsonNode opened = VoiceWorkspace.ok(http.post("/api/v1/voice/test-calls", w.key(),
                "{\"profile_id\":\"" + profile + "\",\"lead\":{\"name\":\"Grace\",\"company\":\"Navy\"}}"), 201);
        String callId = opened.path("id").asText();

        List<String> pageErrors = new ArrayList<>();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newPage();
            page.setDefaultTimeout(WAIT_MS);
            page.onPageError(pageErrors::add);
            page.onResponse(r -> {
                if (r.status() >= 400) {
                    pageErrors.add(r.status() + " " + r.url());
                }
            });
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    pageErrors.add(m.text());
                }
            });

            page.navigate(herald.baseUrl() + "/console/login");
            page.getByLabel("API key").fill(w.key());
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Sign in")).click();
            page.waitForURL("**/console");
            assertThat(page.locator("h1").textContent()).isEqualTo("Overview");

            page.navigate(herald.baseUrl() + "/console/calls/" + callId);
            assertThat(page.locator("#call .pill").textContent()).isEqualTo("live");
            // The agent's opening arrives over the stream: the page itself lists no line of a live call.
            Locator agent = page.locator("#timeline li.turn.agent");
            agent.first().waitFor();
            assertThat(page.locator("#timeline").textContent()).contains("Hi Grace");
            // Governance decisions are inline: the tool the agent used to open, and its turn allowed.
            page.locator("#timeline li.decision", new Page.LocatorOptions().setHasText("tool lookup_lead")).waitFor();
            page.locator("#timeline li.decision.allow", new Page.LocatorOptions().setHasText("agent turn"))
                    .first().waitFor();

            // What the caller says now shows up on the open page, with the agent's answer.
            say(w, callId, "No, please don't record.");
            say(w, callId, "How much does it cost?");
            page.locator("#timeline li.turn.user", new Page.LocatorOptions().setHasText("How much does it cost?"))
                    .waitFor();
            page.locator("#timeline li.turn.agent", new Page.LocatorOptions().setHasText("400 dollars")).waitFor();
            page.locator("#timeline li.decision", new Page.LocatorOptions().setHasText("search_knowledge")).waitFor();
            assertThat(page.locator("#status").textContent()).isEqualTo("in progress");
            assertThat(page.getByText("The verdict comes when the call ends.").isVisible()).isTrue();

            VoiceWorkspace.ok(http.post("/api/v1/voice/test-calls/" + callId + "/end", w.key(), ""), 200);
            // The last event replaces the live call with the ended one: verdict, final status, no stream.
            page.locator("dl.verdict").waitFor();
            assertThat(page.locator("#status").textContent()).isEqualTo("ended");
            assertThat(page.locator(".pill").count()).isZero();
            assertThat(page.locator("[sse-connect]").count()).isZero();
            assertThat(page.locator("#timeline li.turn.user", new Page.LocatorOptions()
                    .setHasText("How much does it cost?")).count()).as("each line once").isEqualTo(1);
            page.locator("#call h2", new Page.LocatorOptions().setHasText("Verdict"))
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        }
        assertThat(pageErrors).as("no script errors on the pages").isEmpty();
    }

    private void say(VoiceWorkspace w, String callId, String text) {
        Http.Response r = http.post("/api/v1/voice/test-calls/" + callId + "/turns", w.key(),
                "{\"text\":\"" + text.replace("\"", "\\\"") + "\"}");
        VoiceWorkspace.ok(r, 200);
    }
}
