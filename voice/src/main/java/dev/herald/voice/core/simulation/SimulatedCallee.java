package dev.herald.voice.core.simulation;

import dev.herald.voice.core.profile.Criterion;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.Question;
import dev.herald.voice.core.profile.VoiceProfile;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A persona on the phone. It listens to the agent's words, works out what is being asked (the
 * recording question, one of the objective's questions, a choice of meeting slots) and answers the
 * way its persona would, in varied wording drawn from its seeded random source. It knows the
 * profile's criteria only to choose answers that meet them (a qualified buyer) or miss them (an
 * unqualified one); how the answer is worded is up to {@link Answers}, and understanding it is the
 * qualifier's job. Not thread-safe.
 */
public final class SimulatedCallee {
    private final Persona persona;
    private final SplittableRandom random;
    private final VoiceProfile profile;
    private final Objective objective;
    private final Answers answers;
    private final Optional<String> name;
    private final boolean[] vagueGiven;
    private final boolean[] interrupted;
    private final int hangUpAt;
    private final int dncAt;
    private final int notInterestedAt;
    private final int knowledgeAt;
    private boolean greeted;
    private boolean identityAsked;
    private boolean rejectedSlots;
    private int interruptions;

    public SimulatedCallee(Persona persona, SplittableRandom random, VoiceProfile profile, Objective objective,
            Optional<String> name, java.time.LocalDate today) {
        this.persona = persona;
        this.random = random;
        this.profile = profile;
        this.objective = objective;
        this.name = name;
        this.answers = new Answers(random, today);
        int n = objective.questions().size();
        this.vagueGiven = new boolean[n];
        this.interrupted = new boolean[n];
        this.hangUpAt = n <= 1 ? 0 : 1 + random.nextInt(n - 1);
        this.dncAt = random.nextInt(n);
        this.notInterestedAt = random.nextInt(5) == 0 ? random.nextInt(n) : -1;
        this.knowledgeAt = random.nextInt(5) < 2 ? random.nextInt(n) : -1;
    }

    public CalleeReply hear(String agentText) {
        if (persona == Persona.VOICEMAIL) {
            if (greeted) {
                return new CalleeReply.Silence();
            }
            greeted = true;
            return new CalleeReply.Speak("Hi, you've reached " + name.orElse("this number")
                    + ". I can't come to the phone right now, so please leave a message after the tone.");
        }
        if (persona == Persona.INTERRUPTER && !identityAsked && agentText.contains(profile.aiDisclosure())) {
            identityAsked = true;
            interruptions++;
            return new CalleeReply.Interrupt(pick("Sorry, who is this?", "Sorry, who's calling?", "Wait, who is this?"),
                    0.25 + random.nextDouble() * 0.2);
        }
        int asked = questionAsked(agentText);
        if (asked >= 0) {
            return answer(asked);
        }
        if (agentText.contains(profile.recordingConsentPrompt())) {
            return new CalleeReply.Speak(random.nextInt(5) == 0
                    ? pick("No thanks, I'd rather you didn't record.", "No, please don't record this.")
                    : pick("Sure, go ahead.", "Yes, that's fine.", "Yeah, no problem.", "Of course."));
        }
        if (agentText.contains("Which works better") || agentText.contains("How about")
                || agentText.contains("which one works better") || agentText.contains("Would that work for you")) {
            return slot(agentText);
        }
        return new CalleeReply.Silence();
    }

    private CalleeReply answer(int index) {
        Question q = objective.questions().get(index);
        boolean good = persona != Persona.UNQUALIFIED_BUYER;
        if (persona == Persona.HANG_UP_MID_CALL && index >= hangUpAt) {
            return new CalleeReply.HangUp();
        }
        if (persona == Persona.DO_NOT_CALL_REQUEST && index == dncAt) {
            return new CalleeReply.Speak(pick("Actually, please take me off your list. Don't call me again.",
                    "Look, stop calling me. Put me on your do not call list.", "Please remove my number, I don't want these calls."));
        }
        if (persona == Persona.UNQUALIFIED_BUYER && index == notInterestedAt) {
            return new CalleeReply.Speak(pick("Honestly, we're not interested. Thanks anyway.", "I'm not interested, sorry."));
        }
        String said = answers.answer(q, criterion(q.key()), good);
        if (persona == Persona.INTERRUPTER && !interrupted[index] && interruptions < 3 && random.nextInt(10) < 6) {
            interrupted[index] = true;
            interruptions++;
            return random.nextBoolean()
                    ? new CalleeReply.Interrupt("Sorry, go on.", 0.2 + random.nextDouble() * 0.2)
                    : new CalleeReply.Interrupt(said, 0.75 + random.nextDouble() * 0.15);
        }
        if (good && !vagueGiven[index] && random.nextInt(100) < 15) {
            vagueGiven[index] = true;
            return new CalleeReply.Speak(pick("Hmm, good question, let me think.", "Oh, hard to put a figure on that offhand... hmm.",
                    "Good question."));
        }
        if (index == knowledgeAt && good) {
            said += " " + pick("Does it integrate with Salesforce?", "What does pricing look like for a team?",
                    "Is our data encrypted?");
        }
        return new CalleeReply.Speak(said);
    }

    private CalleeReply slot(String agentText) {
        if (agentText.contains("Would that work for you")) {
            return new CalleeReply.Speak(pick("Yes, that works.", "Sure, that's fine."));
        }
        if (!rejectedSlots && random.nextInt(4) == 0) {
            rejectedSlots = true;
            return new CalleeReply.Speak(pick("Neither of those works for me, sorry.", "Hmm, none of those work."));
        }
        return new CalleeReply.Speak(pick("The first one works for me.", "Let's do the second one.",
                "Either is fine.", "The second one, please.", "The first, please."));
    }

    /** The question whose prompt or clarification the agent said last, or -1. */
    private int questionAsked(String agentText) {
        int best = -1;
        int bestAt = -1;
        List<Question> questions = objective.questions();
        for (int i = 0; i < questions.size(); i++) {
            int at = Math.max(agentText.lastIndexOf(questions.get(i).prompt()), agentText.lastIndexOf(questions.get(i).clarification()));
            if (at > bestAt) {
                best = i;
                bestAt = at;
            }
        }
        return best;
    }

    private Optional<Criterion> criterion(String key) {
        return objective.criteria().stream().filter(c -> c.questionKey().equals(key)).findFirst();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
