package dev.herald.server.cli.ratify;

import dev.herald.ratify.Constraint;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyException;
import dev.herald.ratify.RatifyJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "delegate", mixinStandardHelpOptions = true,
        description = {"Issue a DelegationCert from an issuer key file to a subject public key.",
                "The issuer is a human root (init) or, for sub-delegation, an agent whose own cert grants identity:delegate."})
public final class DelegateCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    @Option(names = "--issuer", required = true, paramLabel = "KEYFILE", description = "The issuer's key file.")
    Path issuer;

    @Option(names = "--subject", required = true, paramLabel = "FILE",
            description = "The subject's key file or public key file (see: ratify pubkey).")
    Path subject;

    @Option(names = "--scope", required = true, paramLabel = "SCOPE", split = ",",
            description = "A scope to grant, e.g. meeting:speak (repeat, or separate with commas).")
    List<String> scopes;

    @Option(names = "--expires", defaultValue = "24h", paramLabel = "WHEN",
            description = "Expiry: a duration (30m, 24h, 7d), an RFC 3339 time, epoch seconds, or 'never' "
                    + "(until revoked). Default: ${DEFAULT-VALUE}.")
    String expires;

    @Option(names = "--constraint", paramLabel = "JSON",
            description = "A constraint object, e.g. '{\"type\":\"max_amount\",\"max_amount\":50,\"currency\":\"USD\"}' (repeatable).")
    List<String> constraints = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the cert to FILE instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            KeyPairFile issuerKey = RatifyFiles.readKeyPair(issuer);
            HybridPublicKey subjectKey = RatifyFiles.readPublicKey(subject);
            List<Constraint> parsed = new ArrayList<>();
            for (String c : constraints) {
                try {
                    parsed.add(RatifyJson.decodeConstraint(c.getBytes(StandardCharsets.UTF_8)));
                } catch (RatifyDecodeException e) {
                    throw new CliInputException("--constraint " + c + ": " + e.getMessage());
                }
            }
            Clock clock = Clock.systemUTC();
            Duration ttl = ttl(expires, clock.instant());
            DelegationCert cert;
            try {
                cert = new Issuer(clock, new SecureRandom()).delegate(issuerKey.keyPair(), subjectKey,
                        List.copyOf(scopes), parsed, ttl);
            } catch (RatifyException | IllegalArgumentException e) {
                throw new CliInputException(e.getMessage());
            }
            RatifyFiles.writePublic(out, RatifyJson.encode(cert), spec.commandLine().getOut());
            return 0;
        });
    }

    /** The cert lifetime for {@code --expires}; null means the no-expiry sentinel. */
    static Duration ttl(String value, Instant now) {
        String v = value.trim();
        if (v.equalsIgnoreCase("never")) {
            return null;
        }
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return positive(d, v);
        }
        Instant at;
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() <= 12) {
            at = Instant.ofEpochSecond(Long.parseLong(v));
        } else {
            try {
                at = Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new CliInputException("--expires " + v
                        + ": expected a duration (30m, 24h, 7d), an RFC 3339 time, epoch seconds or 'never'");
            }
        }
        return positive(Duration.between(now, at), v);
    }

    private static Duration positive(Duration d, String v) {
        if (d.isNegative() || d.isZero()) {
            throw new CliInputException("--expires " + v + " is not in the future");
        }
        return Duration.ofSeconds(d.toSeconds());
    }
}
