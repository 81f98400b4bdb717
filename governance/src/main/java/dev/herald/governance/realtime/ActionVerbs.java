package dev.herald.governance.realtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The registry of action verbs. Immutable; {@link #with} gives a registry extended by one verb. */
public final class ActionVerbs {
    public static final String DEFAULT = "ai.generate";
    private final Map<String, ActionVerb> verbs;

    private ActionVerbs(Map<String, ActionVerb> verbs) {
        this.verbs = Map.copyOf(verbs);
    }

    /** {@code ai.generate} and {@code mpp.payment}. */
    public static ActionVerbs standard() {
        return new ActionVerbs(Map.of()).with(new AiGenerateVerb()).with(new MppPaymentVerb());
    }

    public ActionVerbs with(ActionVerb verb) {
        Map<String, ActionVerb> next = new TreeMap<>(verbs);
        next.put(verb.name(), verb);
        return new ActionVerbs(next);
    }

    public Optional<ActionVerb> find(String name) {
        return Optional.ofNullable(verbs.get(name));
    }

    public List<String> names() {
        return verbs.keySet().stream().sorted().toList();
    }
}
