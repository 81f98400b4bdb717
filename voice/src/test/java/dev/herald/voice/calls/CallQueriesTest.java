package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side over a real, migrated SQLite database: the recording port's two answers, and cursors. */
class CallQueriesTest {
    private static final String WS = "ws_" + "a".repeat(26);
    private static final Instant EXPIRES = Instant.parse("2026-03-01T13:00:00Z");
    @TempDir
    Path dir;
    private Database db;
    private final List<String> asked = new ArrayList<>();
    private CallQueries queries;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("calls.db"), 2, null);
        db.migrate();
        ObjectMapper mapper = JsonMapping.create();
        // A recordings package that holds a recording for the calls whose id ends in 1.
        RecordingLinks links = (ws, callId) -> {
            asked.add(ws + "/" + callId);
            return callId.endsWith("1") ? new RecordingLinks.Available("https://herald.test/r/" + callId + "?sig=x",
                    EXPIRES) : new RecordingLinks.Missing("no_recording_consent");
        };
        queries = new CallQueries(db, mapper, links, (ws, callId) -> List.of());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void insert(String id, long createdAt) {
        db.write(h -> h.createUpdate("""
                INSERT INTO voice_calls (id, workspace_id, direction, status, provider, profile_id, profile_version,
                    objective, created_at, updated_at)
                VALUES (:id, :ws, 'outbound', 'queued', 'simulated', 'vpr_1', 1, 'qualify_for_demo', :at, :at)""")
                .bind("id", id).bind("ws", WS).bind("at", createdAt).execute());
    }

    @Test
    void theRecordingPortAnswersWithALinkOrAReason() {
        insert("call_1", 1_000);
        insert("call_2", 2_000);
        CallView with = queries.get(WS, "call_1");
        assertThat(with.recording()).isEqualTo(new CallView.Recording("https://herald.test/r/call_1?sig=x", EXPIRES));
        assertThat(with.recordingUnavailableReason()).isNull();
        CallView without = queries.get(WS, "call_2");
        assertThat(without.recording()).isNull();
        assertThat(without.recordingUnavailableReason()).isEqualTo("no_recording_consent");
        assertThat(asked).containsExactly(WS + "/call_1", WS + "/call_2");
        assertThatThrownBy(() -> queries.get("ws_other", "call_1")).isInstanceOf(NotFound.class);
        assertThat(asked).as("the port is not asked about another workspace's call").hasSize(2);
    }

    @Test
    void aMissingRecordingNeedsASnakeCaseReason() {
        assertThatThrownBy(() -> new RecordingLinks.Missing("Not Recorded")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingLinks.Missing("not_recorded:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingLinks.Missing("deleted: a\nb")).isInstanceOf(IllegalArgumentException.class);
        // The recordings package words its reasons as a code, a colon and the detail.
        assertThat(new RecordingLinks.Missing("not_recorded: no recording was made for this call").reason())
                .startsWith("not_recorded");
        assertThatThrownBy(() -> new RecordingLinks.Available("", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCursorThatDoesNotNameATimeAndIdIsInvalid() {
        assertThat(CallQueries.Position.parse("1700000000000:call_x")).isEqualTo(
                new CallQueries.Position(1_700_000_000_000L, "call_x"));
        for (String bad : List.of("call_x", ":call_x", "17:", "x:call_x")) {
            assertThatThrownBy(() -> CallQueries.Position.parse(bad)).isInstanceOf(Invalid.class)
                    .hasMessageContaining("cursor");
        }
    }
}
