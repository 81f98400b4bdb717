package dev.herald.voice.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The knowledge corpus over a real port on each store: text, Markdown and a real PDF (made here
 * with PDFBox) uploaded, split, indexed by the store's own full-text search and found by plain
 * questions; questions that look like query syntax are plain words; workspaces never see each
 * other's documents; deleting a document takes its passages out of search.
 */
abstract class KnowledgeContract extends RunningHerald {
    private static final String DOCS = "/api/v1/voice/knowledge/documents";

    private IssuedKey workspace() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
    }

    private Http.Response upload(String key, String title, String contentType, byte[] body) {
        return http.send("POST", DOCS + "?title=" + URLEncoder.encode(title, StandardCharsets.UTF_8), key, contentType,
                body);
    }

    private JsonNode search(String key, String q) {
        Http.Response r = http.get("/api/v1/voice/knowledge/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    static byte[] pdf(List<String> lines) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                s.setLeading(16);
                s.newLineAtOffset(72, 700);
                for (String line : lines) {
                    s.showText(line);
                    s.newLine();
                }
                s.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MARKDOWN = """
            # Pricing

            The **Team** plan costs 400 dollars per month, billed yearly. The [Enterprise plan](https://example.com)
            has volume pricing for more than fifty seats.

            # Integrations

            - Salesforce and HubSpot sync every call outcome to the lead record.
            - Zapier is on the roadmap.
            """;

    @Test
    void textMarkdownAndPdfAreIndexedAndFoundByPlainQuestions() {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        Http.Response md = upload(key, "Pricing and integrations", "text/markdown; charset=utf-8",
                MARKDOWN.getBytes(StandardCharsets.UTF_8));
        assertThat(md.status()).as(md.body()).isEqualTo(201);
        assertThat(md.json().path("media_type").asText()).isEqualTo("text/markdown");
        assertThat(md.json().path("chunk_count").asInt()).isEqualTo(2);
        Http.Response txt = upload(key, "Security", "text/plain",
                "Every call is signed and attested.\n\nRecordings are encrypted at rest and kept as long as you choose."
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(txt.status()).as(txt.body()).isEqualTo(201);
        byte[] pdf = pdf(List.of("Onboarding guide.", "A new customer is live within two weeks of signing.",
                "Training sessions for supervisors are included at no extra cost."));
        Http.Response p = upload(key, "Onboarding", "application/pdf", pdf);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(p.json().path("media_type").asText()).isEqualTo("application/pdf");
        assertThat(p.json().path("byte_size").asLong()).isEqualTo(pdf.length);
        assertThat(http.get(DOCS + "/" + p.json().path("id").asText(), key).json()).isEqualTo(p.json());

        JsonNode pricing = search(key, "How much does the team plan cost per month?");
        assertThat(pricing).isNotEmpty();
        assertThat(pricing.get(0).path("document_id").asText()).isEqualTo(md.json().path("id").asText());
        assertThat(pricing.get(0).path("heading").asText()).isEqualTo("Pricing");
        assertThat(pricing.get(0).path("text").asText()).contains("400 dollars").doesNotContain("**", "](");

        JsonNode hubspot = search(key, "do you integrate with hubspot");
        assertThat(hubspot.get(0).path("heading").asText()).isEqualTo("Integrations");

        JsonNode onboarding = search(key, "How long until we are live? Is training included?");
        assertThat(onboarding.get(0).path("document_title").asText()).isEqualTo("Onboarding");
        assertThat(onboarding.get(0).path("text").asText()).contains("two weeks");

        // Stemming: "encrypting" finds "encrypted".
        assertThat(search(key, "encrypting recordings").get(0).path("document_title").asText()).isEqualTo("Security");

        // The agent's tool: a short spoken answer from the best passage.
        Optional<String> spoken = herald.services().voice().knowledge().base(ws.workspaceId())
                .search("What does the team plan cost?");
        assertThat(spoken).isPresent();
        assertThat(spoken.get()).contains("400 dollars").hasSizeLessThanOrEqualTo(403);
        assertThat(herald.services().voice().knowledge().base(ws.workspaceId()).search("quantum teleportation"))
                .isEmpty();

        Http.Response list = http.get(DOCS + "?limit=2", key);
        assertThat(list.json().path("data")).hasSize(2);
        assertThat(list.json().path("has_more").asBoolean()).isTrue();
        Http.Response rest = http.get(DOCS + "?cursor=" + list.json().path("next_cursor").asText(), key);
        assertThat(rest.json().path("data")).hasSize(1);
        assertThat(rest.json().path("data").get(0).path("id").asText()).isEqualTo(p.json().path("id").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"", "\"pricing", "pricing\"\"", "NEAR(pricing plan)", "pric*", "*", "title:pricing",
            "heading:Pricing", "pricing AND", "OR pricing OR", "NOT pricing", "(pricing", "pricing)", "^pricing",
            "-pricing", "pricing + plan", "'; DROP TABLE voice_knowledge_chunks; --", "plan & !pricing",
            "plan <-> pricing", "a:* | b", "{text}: pricing", "\\\"pricing\\\"", "NEAR", ":", "'", "!!", "pric\u00ADing", "\uFF02pricing\uFF02",
            "ourselves yourselves themselves"})
    void questionsThatLookLikeQuerySyntaxArePlainWords(String q) {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        assertThat(upload(key, "Pricing", "text/markdown", MARKDOWN.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(201);
        JsonNode hits = search(key, q);
        boolean hasWord = q.toLowerCase().matches("(?s).*\\b(pricing|plan|text|title|heading|drop|table|voice|knowledge|chunks)\\b.*")
                || q.toLowerCase().contains("pric");
        if (!hasWord) {
            assertThat(hits).as(q).isEmpty();
        }
        // The corpus is intact afterwards, whatever the question was.
        assertThat(search(key, "team plan cost")).isNotEmpty();
        assertThat(herald.services().voice().knowledge().base(ws.workspaceId()).search(q)).isNotNull();
    }

    @Test
    void aProjectKeyOfTheWorkspaceUsesTheSameCorpus() {
        String workspace = "ws-" + UUID.randomUUID();
        String admin = herald.services().bootstrap().createKey(workspace, null, "admin").secret().reveal();
        String project = herald.services().bootstrap().createKey(workspace, "sales", "p").secret().reveal();
        assertThat(upload(project, "Pricing", "text/markdown", MARKDOWN.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(201);
        assertThat(search(admin, "team plan")).hasSize(1);
        assertThat(http.get(DOCS, project).json().path("data")).hasSize(1);
    }

    @Test
    void workspacesDoNotSeeEachOthersDocuments() {
        String a = workspace().secret().reveal();
        String b = workspace().secret().reveal();
        Http.Response doc = upload(a, "Pricing", "text/markdown", MARKDOWN.getBytes(StandardCharsets.UTF_8));
        String id = doc.json().path("id").asText();
        assertThat(search(b, "team plan")).isEmpty();
        assertThat(http.get(DOCS + "/" + id, b).status()).isEqualTo(404);
        assertThat(http.send("DELETE", DOCS + "/" + id, b, null, null).status()).isEqualTo(404);
        assertThat(http.get(DOCS, b).json().path("data")).isEmpty();
        assertThat(search(a, "team plan")).isNotEmpty();
    }

    @Test
    void deletingADocumentRemovesItsPassagesFromSearch() {
        String key = workspace().secret().reveal();
        String id = upload(key, "Pricing", "text/markdown", MARKDOWN.getBytes(StandardCharsets.UTF_8)).json()
                .path("id").asText();
        Http.Response notes = http.post(DOCS, key, "{\"title\":\"Pricing notes\",\"media_type\":\"text/markdown\","
                + "\"text\":\"# Notes\\n\\nDiscounts for *nonprofits* on the team plan.\"}");
        assertThat(notes.status()).as(notes.body()).isEqualTo(201);
        assertThat(notes.json().path("media_type").asText()).isEqualTo("text/markdown");
        String other = notes.json().path("id").asText();
        assertThat(search(key, "team plan")).hasSize(2);
        Http.Response del = http.send("DELETE", DOCS + "/" + id, key, null, null);
        assertThat(del.status()).as(del.body()).isEqualTo(200);
        assertThat(del.json().path("deleted").asBoolean()).isTrue();
        JsonNode left = search(key, "team plan");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("document_id").asText()).isEqualTo(other);
        assertThat(left.get(0).path("heading").asText()).isEqualTo("Notes");
        assertThat(left.get(0).path("text").asText()).isEqualTo("Discounts for nonprofits on the team plan.");
        assertThat(search(key, "hubspot")).isEmpty();
        assertThat(http.get(DOCS + "/" + id, key).status()).isEqualTo(404);
        assertThat(http.send("DELETE", DOCS + "/" + id, key, null, null).status()).isEqualTo(404);
    }

    @Test
    void anUploadIsIdempotentUnderItsKey() {
        String key = workspace().secret().reveal();
        byte[] body = MARKDOWN.getBytes(StandardCharsets.UTF_8);
        Http.Response first = http.send("POST", DOCS + "?title=Pricing", key, "text/markdown", body);
        Http.Response again = http.send("POST", DOCS + "?title=Pricing", key, "text/markdown", body);
        // Without a key the same bytes are a second document.
        assertThat(again.json().path("id").asText()).isNotEqualTo(first.json().path("id").asText());
        Http.Response k1 = keyed(key, body, "k-1");
        Http.Response k2 = keyed(key, body, "k-1");
        assertThat(k1.status()).isEqualTo(201);
        assertThat(k2.status()).isEqualTo(201);
        assertThat(k2.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(k2.json().path("id").asText()).isEqualTo(k1.json().path("id").asText());
        assertThat(keyed(key, "other".getBytes(StandardCharsets.UTF_8), "k-1").status()).isEqualTo(409);
        assertThat(http.get(DOCS, key).json().path("data")).hasSize(3);
    }

    private Http.Response keyed(String key, byte[] body, String idempotencyKey) {
        return http.send("POST", DOCS + "?title=Pricing", key, "text/markdown", body, "Idempotency-Key", idempotencyKey);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String key = workspace().secret().reveal();
        assertField(http.send("POST", DOCS, key, "text/plain", "hello world".getBytes(StandardCharsets.UTF_8)), 422, "title");
        assertField(upload(key, "x".repeat(201), "text/plain", "hello world".getBytes(StandardCharsets.UTF_8)), 422, "title");
        assertField(upload(key, "Empty", "text/plain", new byte[0]), 422, "body");
        assertField(upload(key, "Blank", "text/plain", "  \n\n  ".getBytes(StandardCharsets.UTF_8)), 422, "body");
        assertField(upload(key, "Punctuation", "text/plain", "!!! ... ???".getBytes(StandardCharsets.UTF_8)), 422, "body");
        assertField(upload(key, "Latin-1", "text/plain", new byte[] {'c', 'a', 'f', (byte) 0xE9}), 422, "body");
        assertField(upload(key, "Charset", "text/plain; charset=iso-8859-1", "hello".getBytes(StandardCharsets.UTF_8)), 422,
                "Content-Type");
        assertField(upload(key, "Fake", "application/pdf", "not a pdf at all".getBytes(StandardCharsets.UTF_8)), 422, "body");
        assertField(upload(key, "Broken", "application/pdf", "%PDF-1.7\ngarbage".getBytes(StandardCharsets.UTF_8)), 422, "body");
        Http.Response image = upload(key, "Image", "image/png", new byte[] {1, 2, 3});
        assertThat(image.status()).as(image.body()).isEqualTo(415);
        Http.Response none = http.send("POST", DOCS + "?title=x", key, null, "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(none.status()).as(none.body()).isEqualTo(415);

        Http.Response json = http.post(DOCS, key, "{\"media_type\":\"application/pdf\"}");
        assertThat(json.status()).as(json.body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        json.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("title", "text", "media_type");
        assertField(http.post(DOCS, key, "{\"title\":\"t\",\"text\":\"hello\",\"extra\":1}"), 422, "extra");

        assertField(http.get("/api/v1/voice/knowledge/search", key), 422, "q");
        assertField(http.get("/api/v1/voice/knowledge/search?q=x&limit=0", key), 422, "limit");
        assertField(http.get("/api/v1/voice/knowledge/search?q=x&limit=21", key), 422, "limit");
        assertField(http.get("/api/v1/voice/knowledge/search?q=" + "a".repeat(1001), key), 422, "q");
        assertField(http.get(DOCS + "?limit=0", key), 422, "limit");
        assertThat(http.get(DOCS, key).json().path("data")).isEmpty();
    }

    private static void assertField(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(r.body()).contains(field);
    }
}
