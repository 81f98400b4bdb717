package dev.herald.voice.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.PageRequest;
import dev.herald.server.testing.StoreExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Creating campaigns: 10,000 leads in one request, every bad field in one 422, defaults. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CampaignCreateContract {
    CampaignFixture node;

    abstract StoreExtension store();

    @BeforeAll
    void open() {
        node = new CampaignFixture(store().databaseUrl(), CampaignFixture.mutableClock(), new TestReferences());
    }

    @AfterAll
    void close() {
        node.close();
    }

    static String ws() {
        return "ws_" + UUID.randomUUID().toString().replace("-", "");
    }

    List<String> leads(int n) {
        String prefix = "lead_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
        node.references.leads.addAll(ids);
        return ids;
    }

    @Test
    void tenThousandLeadsAreAcceptedInOneRequest() {
        String ws = ws();
        node.campaigns.create(ws, CampaignFixture.request(leads(50), 5, 10, null, null)); // warm up the statements
        long[] millis = new long[3];
        Campaign c = null;
        for (int run = 0; run < 3; run++) {
            List<String> leads = leads(CreateCampaign.MAX_LEADS);
            long t0 = System.nanoTime();
            c = node.campaigns.create(ws, CampaignFixture.request(leads, 20, 600, null, null));
            millis[run] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.println("10,000-lead campaign create on " + store().kind() + ": runs " + Arrays.toString(millis)
                + " ms, median " + millis[1] + " ms");
        assertThat(c.leadCount()).isEqualTo(10_000);
        assertThat(c.progress().total()).isEqualTo(10_000);
        assertThat(c.progress().byState().get("pending")).isEqualTo(10_000);
        var last = node.campaigns.results(ws, c.id(), new PageRequest(100, "9990")).data();
        assertThat(last).extracting(LeadResult::position).containsExactly(9991, 9992, 9993, 9994, 9995, 9996, 9997,
                9998, 9999, 10000);
    }

    @Test
    void defaultsAreFilledIn() {
        Campaign c = node.campaigns.create(ws(), CampaignFixture.request(leads(2), null, null, null, null));
        assertThat(c.maxConcurrentCalls()).isEqualTo(5);
        assertThat(c.callsPerMinute()).isEqualTo(10);
        assertThat(c.callingWindow()).isEqualTo(new CallingWindowJson("08:00", "21:00",
                List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), List.of()));
        assertThat(c.retry()).isEqualTo(new RetryJson(new RetryJson.Rule(3, 240), new RetryJson.Rule(3, 15),
                new RetryJson.Rule(2, 1440), new RetryJson.Rule(2, 10)));
        assertThat(c.state()).isEqualTo("running");
        assertThat(c.name()).isEqualTo("test campaign");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        List<String> ids = new ArrayList<>(leads(3));
        ids.add(ids.get(0));
        ids.add("bad id!");
        CreateCampaign body = new CreateCampaign(ids, " ", "Qualify Demo", null, "cal bad", 0, 6001,
                new CallingWindowJson("25:00", "07:00", List.of("mon", "funday", "mon"), List.of("Mars/Olympus", "EST")),
                new RetryJson(new RetryJson.Rule(0, -1), null, new RetryJson.Rule(11, 20000), null), "tomorrow");
        assertThatThrownBy(() -> node.campaigns.create(ws(), body)).isInstanceOfSatisfying(Invalid.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                        "lead_ids[3]", "lead_ids[4]", "name", "objective", "profile_id", "calendar_connector_id",
                        "max_concurrent_calls", "calls_per_minute", "calling_window.start",
                        "calling_window.days[1]", "calling_window.days[2]", "calling_window.fallback_zones[0]",
                        "calling_window.fallback_zones[1]", "retry.no_answer.max_attempts",
                        "retry.no_answer.spacing_minutes", "retry.voicemail.max_attempts",
                        "retry.voicemail.spacing_minutes", "start_at"));
    }

    @Test
    void unknownLeadsAreNamed_withTheProfileAndCalendarProblems() {
        List<String> ids = new ArrayList<>(leads(2));
        ids.add(1, "lead_nobody");
        ids.add("lead_ghost");
        CreateCampaign body = new CreateCampaign(ids, null, "sell_things", TestReferences.PROFILE, "cal_missing",
                null, null, new CallingWindowJson("09:00", "09:00", null, null), null, null);
        assertThatThrownBy(() -> node.campaigns.create(ws(), body)).isInstanceOfSatisfying(Invalid.class, e ->
                assertThat(e.errors()).containsExactlyInAnyOrder(
                        new FieldError("lead_ids[1]", "names no lead of this workspace: lead_nobody"),
                        new FieldError("lead_ids[3]", "names no lead of this workspace: lead_ghost"),
                        new FieldError("objective", "is not an objective of profile vpr_test"),
                        new FieldError("calendar_connector_id", "names no calendar of this workspace"),
                        new FieldError("calling_window.end",
                                "must be after calling_window.start (a window does not cross midnight)")));
    }

    @Test
    void tooManyLeadsOrNoneAreRefused() {
        List<String> many = IntStream.rangeClosed(1, 10_001).mapToObj(i -> "lead_" + i).toList();
        assertThatThrownBy(() -> node.campaigns.create(ws(), CampaignFixture.request(many, null, null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("lead_ids"));
        assertThatThrownBy(() -> node.campaigns.create(ws(), CampaignFixture.request(List.of(), null, null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("lead_ids"));
    }
}
