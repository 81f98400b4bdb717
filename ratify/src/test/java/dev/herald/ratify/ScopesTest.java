package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {
    @Test
    void vocabularyHas54CanonicalScopesAnd14Wildcards() {
        assertThat(Scopes.vocabulary()).hasSize(54);
        assertThat(Scopes.wildcards()).hasSize(14);
    }

    @Test
    void wildcardsNeverExpandToSensitiveScopes() {
        assertThat(Scopes.expand(List.of("meeting:*"))).doesNotContain("meeting:record")
                .contains("meeting:attend", "meeting:speak");
        for (List<String> members : Scopes.wildcards().values()) {
            assertThat(members).noneMatch(Scopes::isSensitive).isNotEmpty();
        }
        assertThat(Scopes.expand(List.of("comms:*"))).hasSize(6);
        assertThat(Scopes.expand(List.of("drone:*"))).containsExactly("drone:capture", "drone:deliver");
    }

    @Test
    void customScopesPassThroughAndAreNeverSensitive() {
        assertThat(Scopes.isValid("custom:acme:inventory:read")).isTrue();
        assertThat(Scopes.isValid("custom:")).isFalse();
        assertThat(Scopes.isSensitive("custom:acme:x")).isFalse();
        assertThat(Scopes.expand(List.of("custom:acme:x"))).containsExactly("custom:acme:x");
    }

    @Test
    void reservedPrefixesAndSensitiveWildcardsAreUnknown() {
        assertThat(Scopes.isValid("x-acme:thing")).isFalse();
        assertThat(Scopes.isValid("urn:ratify:thing")).isFalse();
        assertThat(Scopes.isValid("presence:*")).isFalse();
        assertThat(Scopes.isValid("custom:*")).isTrue(); // a literal custom scope, not a wildcard
        assertThatThrownBy(() -> Scopes.validate(List.of("meeting:attend", "pretend:scope")))
                .hasMessageContaining("unknown scope \"pretend:scope\"");
    }

    @Test
    void intersectionIsLexSortedAndBlocksEscalation() {
        List<String> eff = Scopes.intersect(List.of(
                List.of("meeting:speak", "meeting:attend", "files:write"),
                List.of("meeting:*", "identity:delegate")));
        assertThat(eff).containsExactly("meeting:attend", "meeting:speak");
    }

    @Test
    void sensitivityFlagsFollowTheSpecTables() {
        assertThat(Scopes.isSensitive("identity:delegate")).isTrue();
        assertThat(Scopes.isSensitive("presence:represent")).isTrue();
        assertThat(Scopes.isSensitive("meeting:speak")).isFalse();
        assertThat(Scopes.vocabulary().stream().filter(Scopes.ScopeInfo::sensitive).count())
                .isEqualTo(22);
    }

    @Test
    void scopeVocabularyJsonListsEverythingWithSensitivity() {
        String json = new String(RatifyJson.encodeScopeVocabulary(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"scopes\":[\"meeting:attend\"")
                .contains("\"sensitive\":[\"meeting:record\"").contains("\"version\":1");
    }
}
