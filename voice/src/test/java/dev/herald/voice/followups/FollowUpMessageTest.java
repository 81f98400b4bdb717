package dev.herald.voice.followups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The follow-up message as the lead reads it: rendered from the profile, the lead, the reasons and the meeting. */
class FollowUpMessageTest {
    private static final MeetingSlot SLOT = new MeetingSlot(Instant.parse("2026-03-03T15:00:00Z"),
            Instant.parse("2026-03-03T15:30:00Z"), ZoneId.of("America/New_York"));

    private static FollowUpMessage.Parts parts(List<FollowUpReason> reasons, Optional<MeetingSlot> meeting) {
        return new FollowUpMessage.Parts("Ava", Optional.of("Ada Lovelace"), Optional.of("Analytical Engines"), reasons,
                meeting);
    }

    @Test
    void anEmailGreetsTheLeadByFirstName_namesTheCompany_explainsEachReason_andIsSignedByTheAgent() {
        FollowUpMessage m = FollowUpMessage.render(FollowUp.EMAIL, parts(List.of(FollowUpReason.QUESTION_UNANSWERED,
                FollowUpReason.INCOMPLETE_ANSWERS), Optional.empty()));
        assertThat(m.subject()).isEqualTo("Following up on our call");
        assertThat(m.body()).startsWith("Hi Ada,\n\nThank you for speaking with me today about Analytical Engines.\n\n")
                .contains(FollowUpMessage.words(FollowUpReason.QUESTION_UNANSWERED) + "\n\n"
                        + FollowUpMessage.words(FollowUpReason.INCOMPLETE_ANSWERS))
                .endsWith("\n\nBest regards,\nAva\n")
                .doesNotContain("question_unanswered");
    }

    @Test
    void aBookedMeetingIsConfirmedInItsOwnZone_inTheSubjectAndTheBody() {
        FollowUpMessage m = FollowUpMessage.render(FollowUp.EMAIL, parts(List.of(), Optional.of(SLOT)));
        assertThat(m.subject()).isEqualTo("Confirming our meeting on Tue 3 Mar, 10:00 (America/New_York)");
        assertThat(m.body()).contains("Your meeting is booked for Tuesday 3 March 2026 at 10:00 (America/New_York), "
                + "for 30 minutes.");
        assertThat(m.subject()).as("the subject names no person").doesNotContain("Ada", "Lovelace");
    }

    @Test
    void anSmsIsOneShortParagraph() {
        FollowUpMessage m = FollowUpMessage.render(FollowUp.SMS, parts(List.of(FollowUpReason.SEND_INFORMATION),
                Optional.empty()));
        assertThat(m.body()).isEqualTo("Hi Ada, this is Ava. Thanks for the call about Analytical Engines today. "
                + FollowUpMessage.words(FollowUpReason.SEND_INFORMATION));
        assertThat(m.body()).doesNotContain("\n");
    }

    @Test
    void aLeadWithoutNameOrCompany_andNoReasons_stillGetsAPoliteMessage() {
        FollowUpMessage m = FollowUpMessage.render(FollowUp.EMAIL, new FollowUpMessage.Parts("Ava", Optional.empty(),
                Optional.empty(), List.of(), Optional.empty()));
        assertThat(m.body()).startsWith("Hi there,\n\nThank you for speaking with me today.\n\n")
                .contains("Thanks again for your time.");
    }

    @Test
    void everyReasonHasItsOwnWords_andTheOpenApiFragmentListsEveryReason() throws Exception {
        assertThat(Arrays.stream(FollowUpReason.values()).map(FollowUpMessage::words).distinct())
                .hasSize(FollowUpReason.values().length);
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/openapi/voice/follow-ups.json")) {
            assertThat(in).as("follow-ups.json on the class path").isNotNull();
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> listed = new TreeSet<>();
        doc.at("/components/schemas/VoiceFollowUp/properties/reasons/items/enum").forEach(v -> listed.add(v.asText()));
        assertThat(listed).isEqualTo(Arrays.stream(FollowUpReason.values()).map(FollowUpReason::wire)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
