package dev.herald.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code mpp.payment} tool calls as a voice gateway sends them: an approved spend request under an authority. */
public final class MppToolCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MppToolCalls() {
    }

    /**
     * A call paying {@code amountMinor} US cents, its shared payment token valid until
     * {@code validUntil}, under an authority of at most {@code amountMax} (minor units, as text).
     */
    public static ObjectNode payment(String callId, long amountMinor, String amountMax, String validUntil) {
        ObjectNode call = JSON.createObjectNode().put("tool_name", "stripe_mpp_payment").put("call_id", callId)
                .put("action_verb", "mpp.payment");
        ObjectNode args = call.putObject("arguments");
        args.put("requested_amount", amountMinor).put("requested_currency", "usd")
                .put("mpp_target_url", "https://merchant.example/mpp/pay");
        ObjectNode spend = args.putObject("spend_request_payload");
        spend.put("id", "lsrq_" + callId).put("amount", amountMinor).put("currency", "usd").put("status", "approved")
                .put("credential_type", "shared_payment_token");
        spend.putObject("shared_payment_token").put("id", "spt_1").put("valid_until", validUntil);
        args.putObject("authority").put("amount_max", amountMax).put("currency_class", "USD_FIAT")
                .put("cadence", "one_shot").put("ttl_seconds", 3600).put("purpose_binding", "purchase.once");
        return call;
    }
}
