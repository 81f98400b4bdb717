package dev.herald.voice.core.qualifier;

import java.util.Optional;

/** The corpus behind {@code search_knowledge}: the best passage answering a question, if any. */
public interface KnowledgeBase {
    Optional<String> search(String question);
}
