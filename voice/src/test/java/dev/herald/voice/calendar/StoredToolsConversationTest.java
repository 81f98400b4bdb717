package dev.herald.voice.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.simulation.ConversationRunner;
import dev.herald.voice.core.simulation.Persona;
import dev.herald.voice.core.simulation.Personas;
import dev.herald.voice.core.simulation.SimClock;
import dev.herald.voice.core.simulation.SimulatedCall;
import dev.herald.voice.core.simulation.SimulatedTools;
import dev.herald.voice.core.simulation.ToolPolicy;
import dev.herald.voice.knowledge.DocumentFormat;
import dev.herald.voice.knowledge.KnowledgeService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in qualifier, run by the simulation against the stored tools on a real SQLite database:
 * a qualified buyer's meeting lands as a booking on the workspace's default calendar, made on first
 * use, and a second caller cannot be given the same time.
 */
class StoredToolsConversationTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private Path dir;
    private Database db;
    private CalendarService calendars;
    private KnowledgeService knowledge;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("herald-voice-tools-");
        db = Database.open("jdbc:sqlite:" + dir.resolve("herald.db"), 2, null);
        db.migrate();
        Clock clock = Clock.systemUTC();
        Ids ids = new Ids(clock, new SecureRandom());
        calendars = new CalendarService(db, clock, ids, JsonMapping.create(), "herald.test");
        knowledge = new KnowledgeService(db, clock, ids);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private SimulatedCall call(String ws, String leadId) {
        SimulatedTools tools = new SimulatedTools(calendars.tool(ws, null), knowledge.base(ws));
        ConversationRunner runner = new ConversationRunner(DefaultProfiles.demoQualifier(), DefaultProfiles.QUALIFY_FOR_DEMO,
                ToolPolicy.allowAll(), tools);
        return runner.run(new CallContext(leadId, Optional.of("Ada Lovelace"), Optional.of("Analytical Engines"),
                Optional.of(NEW_YORK)), SimClock.compressed(Instant.now()));
    }

    private static List<String> leads(Persona persona, int n) {
        return java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "lead-" + i)
                .filter(id -> Personas.forLead(id).persona() == persona).limit(n).toList();
    }

    @Test
    void aQualifiedBuyersMeetingIsStoredOnTheDefaultCalendar() {
        String ws = "ws_tools";
        knowledge.add(ws, "Product", DocumentFormat.TEXT, ("Yes, it integrates with Salesforce and HubSpot out of the box.\n\n"
                + "Pricing starts at 400 dollars per month for a team, billed yearly.").getBytes(StandardCharsets.UTF_8));
        List<String> leads = leads(Persona.QUALIFIED_BUYER, 2);
        SimulatedCall first = call(ws, leads.get(0));
        assertThat(first.verdict().meeting()).as(first.summary()).isPresent();
        Calendar calendar = calendars.defaultCalendar(ws);
        List<Booking> booked = calendars.bookings(ws, calendar.id(), Booking.BOOKED, new PageRequest(10, null)).data();
        assertThat(booked).hasSize(1);
        assertThat(booked.getFirst().leadId()).isEqualTo(leads.get(0));
        assertThat(booked.getFirst().start()).isEqualTo(first.verdict().meeting().get().start());
        assertThat(booked.getFirst().timeZone()).isEqualTo(NEW_YORK.getId());

        SimulatedCall second = call(ws, leads.get(1));
        List<Booking> after = calendars.bookings(ws, calendar.id(), Booking.BOOKED, new PageRequest(10, null)).data();
        if (second.verdict().meeting().isPresent()) {
            assertThat(after).hasSize(2);
            assertThat(second.verdict().meeting().get().start()).isNotEqualTo(first.verdict().meeting().get().start());
        }
        assertThat(calendars.list(ws, new PageRequest(10, null)).data()).hasSize(1);
    }
}
