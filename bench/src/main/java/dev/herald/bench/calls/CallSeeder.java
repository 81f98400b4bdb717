package dev.herald.bench.calls;

import dev.herald.platform.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a workspace's call history straight into {@code voice_calls}, shaped like a busy outbound
 * team's: calls spread evenly over {@code days} ending now, 20 profiles, 50 campaigns (a fifth of
 * calls outside any), 10,000 leads, a tenth inbound, outcomes in realistic shares, and a transcript
 * (about 1.5 KB of JSON), verdict and summary on every answered call, so rows weigh what real ones
 * do. Seeded, so every run stores the same rows.
 */
final class CallSeeder {
    static final int PROFILES = 20;
    static final int CAMPAIGNS = 50;
    static final int LEADS = 10_000;
    private static final int BATCH = 1_000;
    private static final String TRANSCRIPT;

    static {
        StringBuilder t = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            t.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "agent" : "user")
                    .append("\",\"text\":\"A sentence of about one hundred characters said on a qualification call, turn ")
                    .append(i).append(".\",\"start_ms\":").append(i * 4000).append(",\"end_ms\":").append(i * 4000 + 3500)
                    .append(",\"interrupted\":false}");
        }
        TRANSCRIPT = t.append(']').toString();
    }

    private CallSeeder() {
    }

    static String profile(int i) {
        return String.format("vpr_%026x", 0x5000L + i);
    }

    static String campaign(int i) {
        return String.format("cmp_%026x", 0x6000L + i);
    }

    static String lead(int i) {
        return String.format("lead_%026x", 0x7000L + i);
    }

    /** Inserts {@code count} calls for {@code workspaceId}, created over the {@code days} before {@code now}. */
    static void seed(Database db, String workspaceId, int count, int days, Instant now) {
        Random random = new Random(42);
        long span = days * 86_400_000L;
        long start = now.toEpochMilli() - span;
        for (int done = 0; done < count; done += BATCH) {
            int from = done;
            int n = Math.min(BATCH, count - done);
            db.write(h -> {
                PreparedBatch batch = h.prepareBatch("""
                        INSERT INTO voice_calls (id, workspace_id, direction, status, provider, lead_id, profile_id,
                            profile_version, objective, campaign_id, attempt, outcome, refusal_reason, end_reason,
                            qualified, meeting_booked, duration_ms, cost_micros, cost_currency, verdict, summary,
                            transcript, created_at, dialled_at, answered_at, ended_at, updated_at)
                        VALUES (:id, :ws, :direction, :status, 'simulated', :lead, :profile, 1, 'qualify_for_demo',
                            :campaign, :attempt, :outcome, :refusal, :endReason, :qualified, :meeting, :duration,
                            :cost, :currency, :verdict, :summary, :transcript, :at, :dialled, :answered, :ended, :at)""");
                for (int i = from; i < from + n; i++) {
                    long at = start + (long) ((double) i / count * span) + random.nextInt(1000);
                    boolean inbound = random.nextInt(10) == 0;
                    String campaign = inbound || random.nextInt(5) == 0 ? null : campaign(random.nextInt(CAMPAIGNS));
                    int roll = random.nextInt(100);
                    // 5% refused, 30% no answer, 8% busy, 12% voicemail, 3% failed, 42% answered.
                    String outcome;
                    String status = "ended";
                    String refusal = null;
                    String end;
                    if (roll < 5) {
                        status = "refused";
                        outcome = roll < 2 ? "do_not_call" : "outside_calling_hours";
                        refusal = outcome;
                        end = "compliance_refused";
                    } else if (roll < 35) {
                        outcome = "no_answer";
                        end = "no_answer";
                    } else if (roll < 43) {
                        outcome = "busy";
                        end = "busy";
                    } else if (roll < 55) {
                        outcome = "voicemail";
                        end = "voicemail_detected";
                    } else if (roll < 58) {
                        outcome = "failed";
                        end = "provider_error";
                    } else {
                        outcome = random.nextInt(3) == 0 ? "qualified" : "unqualified";
                        end = random.nextBoolean() ? "agent_ended" : "callee_hung_up";
                    }
                    boolean answered = outcome.equals("qualified") || outcome.equals("unqualified");
                    boolean dialled = !status.equals("refused");
                    long duration = 20_000 + random.nextInt(400_000);
                    batch.bind("id", String.format("call_%012x%014x", at, (long) i))
                            .bind("ws", workspaceId).bind("direction", inbound ? "inbound" : "outbound")
                            .bind("status", status).bind("lead", lead(random.nextInt(LEADS)))
                            .bind("profile", profile(random.nextInt(PROFILES))).bind("campaign", campaign)
                            .bind("attempt", i + 1).bind("outcome", outcome).bind("refusal", refusal)
                            .bind("endReason", end).bind("qualified", answered ? (outcome.equals("qualified") ? 1 : 0) : null)
                            .bind("meeting", outcome.equals("qualified") && random.nextBoolean() ? 1 : 0)
                            .bind("duration", answered ? duration : null)
                            .bind("cost", dialled ? (Long) (long) (duration / 60) : null)
                            .bind("currency", dialled ? "USD" : null)
                            .bind("verdict", answered ? "{\"qualified\":" + outcome.equals("qualified") + ",\"score\":"
                                    + random.nextInt(100) + "}" : null)
                            .bind("summary", answered ? "The callee answered the qualification questions." : null)
                            .bind("transcript", answered ? TRANSCRIPT : null)
                            .bind("at", at).bind("dialled", dialled ? (Long) (at + 500) : null)
                            .bind("answered", answered ? (Long) (at + 4_000) : null)
                            .bind("ended", dialled ? (Long) (at + 4_000 + (answered ? duration : 25_000)) : null)
                            .add();
                }
                batch.execute();
                return null;
            });
        }
    }

    /** The leads, profiles and campaigns the queries pick from (all exist in the seeded rows). */
    static List<String> sample(Random random) {
        return List.of(lead(random.nextInt(LEADS)), profile(random.nextInt(PROFILES)), campaign(random.nextInt(CAMPAIGNS)));
    }
}
