package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.governance.policy.Decision;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mpp.payment}: a voice-initiated payment through Stripe MPP. Validates the approved spend
 * request against its spend authority: amount within {@code authority.amount_max} (integer minor
 * units), currency matching {@code currency_class} ({@code usd} and {@code USD_FIAT}), a known
 * {@code cadence}, a positive {@code ttl_seconds} the token does not outlive, a
 * {@code purpose_binding}, a shared payment token that is still valid, the requested amount and
 * currency equal to the approved ones, an https target, and the policy's payment cap.
 */
final class MppPaymentVerb implements ActionVerb {
    static final Set<String> CADENCES = Set.of("one_shot", "recurring");
    private static final String RULE = "action_verb:mpp.payment";

    @Override
    public String name() {
        return "mpp.payment";
    }

    @Override
    public String actionName(ToolCall call) {
        return "mpp.payment";
    }

    @Override
    public String resourceProvider(String sessionProvider) {
        return "stripe_mpp";
    }

    @Override
    public String resourceModel(String sessionModel) {
        return "stripe.mpp.v1";
    }

    @Override
    public void evaluate(ToolCall call, long maxAmountMinor, Instant now, Decision.Builder t) {
        JsonNode ctx = call.verbContext();
        JsonNode spend = ctx.path("spend_request_payload");
        JsonNode authority = ctx.path("authority");
        if (!spend.isObject() || !authority.isObject()) {
            t.fail(RULE, "mpp_context_missing", "The payment is missing its approved spend request or spend authority.",
                    "verb context needs spend_request_payload and authority objects");
            return;
        }
        t.check("approved".equals(spend.path("status").asText()), RULE + ".status", "mpp_spend_not_approved",
                "The payment request has not been approved.", "spend_request_payload.status = " + spend.path("status"));
        JsonNode amountNode = spend.path("amount");
        long amount = amountNode.isIntegralNumber() && amountNode.canConvertToLong() ? amountNode.longValue() : -1;
        t.check(amount > 0, RULE + ".amount", "mpp_amount_invalid", "The payment amount is invalid.",
                "spend_request_payload.amount must be a positive integer of minor units, got " + amountNode);
        String currency = spend.path("currency").asText("");
        t.check(currency.matches("[a-z]{3}"), RULE + ".currency", "mpp_currency_invalid",
                "The payment currency is invalid.", "spend_request_payload.currency = '" + currency + "'");
        BigInteger max = integer(authority.path("amount_max"));
        t.check(max != null && amount > 0 && BigInteger.valueOf(amount).compareTo(max) <= 0, RULE + ".amount_max",
                "mpp_amount_exceeds_authority", "The payment exceeds the approved spending limit.",
                "amount " + amount + " <= authority.amount_max " + authority.path("amount_max"));
        String currencyClass = authority.path("currency_class").asText("");
        t.check(currencyClass.equals(currency.toUpperCase(Locale.ROOT) + "_FIAT"), RULE + ".currency_class",
                "mpp_currency_mismatch", "The payment currency does not match the approved currency.",
                "currency '" + currency + "' within currency_class '" + currencyClass + "'");
        String cadence = authority.path("cadence").asText("");
        t.check(CADENCES.contains(cadence), RULE + ".cadence", "mpp_cadence_invalid",
                "The payment schedule is not allowed.", "cadence '" + cadence + "' in " + CADENCES);
        JsonNode ttl = authority.path("ttl_seconds");
        boolean ttlOk = ttl.isIntegralNumber() && ttl.canConvertToLong() && ttl.longValue() > 0;
        t.check(ttlOk, RULE + ".ttl_seconds", "mpp_ttl_invalid", "The payment authority has no valid lifetime.",
                "ttl_seconds must be a positive integer, got " + ttl);
        String purpose = authority.path("purpose_binding").asText("");
        t.check(!purpose.isBlank(), RULE + ".purpose_binding", "mpp_purpose_missing",
                "The payment authority is not bound to a purpose.", "purpose_binding = '" + purpose + "'");
        token(spend, ttlOk ? ttl.longValue() : 0, now, t);
        JsonNode requestedAmount = ctx.path("requested_amount");
        if (!requestedAmount.isMissingNode()) {
            t.check(requestedAmount.isIntegralNumber() && requestedAmount.longValue() == amount, RULE + ".requested_amount",
                    "mpp_amount_mismatch", "The requested amount differs from the approved amount.",
                    "requested_amount " + requestedAmount + " = approved " + amount);
        }
        JsonNode requestedCurrency = ctx.path("requested_currency");
        if (!requestedCurrency.isMissingNode()) {
            t.check(currency.equals(requestedCurrency.asText()), RULE + ".requested_currency", "mpp_currency_mismatch",
                    "The requested currency differs from the approved currency.",
                    "requested_currency " + requestedCurrency + " = approved '" + currency + "'");
        }
        JsonNode target = ctx.path("mpp_target_url");
        if (!target.isMissingNode()) {
            t.check(isHttps(target.asText()), RULE + ".mpp_target_url", "mpp_target_invalid",
                    "The payment target is not a secure URL.", "mpp_target_url must be an absolute https URL");
        }
        if (maxAmountMinor >= 0) {
            t.check(amount <= maxAmountMinor, "max_payment_amount_minor", "payment_cap_exceeded",
                    "The payment exceeds the project's payment cap.", amount + " <= " + maxAmountMinor);
        } else {
            t.skip("max_payment_amount_minor", "no cap");
        }
    }

    private static void token(JsonNode spend, long ttlSeconds, Instant now, Decision.Builder t) {
        String type = spend.path("credential_type").asText("");
        if (!"shared_payment_token".equals(type)) {
            t.fail(RULE + ".credential_type", "mpp_credential_invalid", "The payment credential is not supported.",
                    "credential_type must be shared_payment_token, got '" + type + "'");
            return;
        }
        JsonNode token = spend.path("shared_payment_token");
        String id = token.path("id").asText("");
        Instant validUntil;
        try {
            validUntil = Instant.parse(token.path("valid_until").asText(""));
        } catch (DateTimeParseException e) {
            t.fail(RULE + ".shared_payment_token", "mpp_token_invalid", "The payment token is invalid.",
                    "shared_payment_token.valid_until is not an RFC 3339 instant");
            return;
        }
        t.check(!id.isBlank(), RULE + ".shared_payment_token.id", "mpp_token_invalid", "The payment token is invalid.",
                "shared_payment_token.id = '" + id + "'");
        t.check(validUntil.isAfter(now), RULE + ".shared_payment_token.valid_until", "mpp_token_expired",
                "The payment token has expired.", "valid_until " + validUntil + " after now " + now);
        t.check(!validUntil.isAfter(now.plusSeconds(ttlSeconds)), RULE + ".ttl_seconds.token", "mpp_token_outlives_authority",
                "The payment token outlives the approved authority.",
                "valid_until " + validUntil + " within ttl_seconds " + ttlSeconds + " of now");
    }

    private static BigInteger integer(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue();
        }
        if (n.isTextual() && n.textValue().matches("[0-9]{1,30}")) {
            return new BigInteger(n.textValue());
        }
        return null;
    }

    private static boolean isHttps(String s) {
        try {
            URI u = URI.create(s);
            return "https".equals(u.getScheme()) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
