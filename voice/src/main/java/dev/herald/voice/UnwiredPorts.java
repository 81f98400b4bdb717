package dev.herald.voice;

import dev.herald.platform.domain.Unavailable;
import dev.herald.voice.campaigns.CallPlacer;
import dev.herald.voice.campaigns.CampaignReferences;

/**
 * Ports whose providing package is not in this build yet: each answers 503 naming what is
 * missing, so nothing pretends to work. The composition root replaces them with adapters over
 * the real services as those packages arrive.
 */
final class UnwiredPorts {
    static final CallPlacer PLACER = new CallPlacer() {
        @Override
        public dev.herald.voice.campaigns.PlacedCall place(String ws, dev.herald.voice.campaigns.Dial dial) {
            throw missing("placing calls needs the calls package");
        }

        @Override
        public dev.herald.voice.campaigns.CallStatus status(String ws, String callId) {
            throw missing("reading calls needs the calls package");
        }
    };

    static final CampaignReferences REFERENCES = new CampaignReferences() {
        @Override
        public java.util.List<String> unknownLeads(String ws, java.util.List<String> leadIds) {
            throw missing("checking lead ids needs the crm package");
        }

        @Override
        public java.util.Optional<dev.herald.platform.domain.FieldError> profileProblem(String ws, String profileId,
                                                                                       String objective) {
            throw missing("checking the profile needs the profiles package");
        }

        @Override
        public java.util.Optional<dev.herald.platform.domain.FieldError> calendarProblem(String ws, String connectorId) {
            throw missing("checking the calendar needs the calendar package");
        }
    };

    private UnwiredPorts() {
    }

    private static Unavailable missing(String what) {
        return new Unavailable(what + ", which this build does not wire yet");
    }
}
