package dev.herald.voice.crm;

/**
 * Where a workspace's leads live besides Herald: the seam for external CRMs (HubSpot and
 * Salesforce adapters come with the providers issue). Herald's own store is always the system of
 * record for calling: the compliance gate and campaigns read leads from {@link LeadService}, and
 * every verdict is recorded there first, in the transaction that ends the call. A connector mirrors
 * that record outward.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li><b>After commit, never inside a transaction.</b> An external connector makes network calls;
 *       it is called with committed data only, from a worker that retries, so a slow or failing CRM
 *       never holds a database lock or loses a verdict.</li>
 *   <li><b>At least once, idempotent.</b> A call may be repeated after a crash or a timeout;
 *       {@link #pushVerdict} is keyed by the verdict's call id and {@link #upsertLead} by the lead's
 *       E.164 phone, so a repeat changes nothing.</li>
 *   <li><b>Failures are values of the connector's own.</b> Throw {@link Unavailable} for what is
 *       worth retrying (timeouts, 5xx, rate limits); any other exception is a permanent failure of
 *       that one push, recorded and not retried.</li>
 *   <li><b>Thread-safe</b>: one instance serves every workspace and worker thread.</li>
 * </ul>
 */
public interface CrmConnector {

    /** The connector's stable name, as a workspace's settings name it ({@code herald}, {@code hubspot}). */
    String name();

    /** Creates the lead in the CRM, or updates the one with the same phone number. */
    void upsertLead(String workspaceId, StoredLead lead);

    /** Records a call's verdict on the lead (a note, an activity or fields, as the CRM has them). */
    void pushVerdict(String workspaceId, StoredLead lead, LeadVerdict verdict);

    /** A failure worth retrying later: the CRM did not answer, or asked Herald to slow down. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
