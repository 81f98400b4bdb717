package dev.herald.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.store.SecretBox;
import dev.herald.voice.VoiceModule;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The console's composition: its pages, wired by hand to the voice module, the API keys and the
 * install's secret box. Its routes are HTML, not API operations: they are not in the OpenAPI
 * document and declare {@link dev.herald.platform.auth.Access#PUBLIC} as their route role, since
 * {@link ConsoleAccess} checks the session cookie itself.
 */
public final class Console {
    private Console() {
    }

    /** Every console feature: assets, sign-in, overview, calls, campaigns. */
    public static List<Feature> features(VoiceModule voice, ApiKeyService keys, SecretBox secrets, ObjectMapper mapper,
                                         SecureRandom random, Clock clock) {
        Templates templates = new Templates();
        SessionCookie cookies = new SessionCookie(secrets, random, clock);
        ConsoleAccess access = new ConsoleAccess(keys, cookies, templates);
        return List.of(new Assets(), new SignIn(keys, cookies, access, templates),
                new OverviewPage(voice, mapper, clock, access, templates),
                new CallPages(voice, new CallTimeline(voice.callEvents(), mapper), access, templates),
                new CampaignPages(voice.campaigns(), access, templates));
    }
}
