package dev.herald.server.cli;

import dev.herald.server.HeraldConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of {@code up} and {@code serve}. */
public final class ServerOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:HERALD_PORT:-8080}",
            description = "TCP port to listen on (env HERALD_PORT, default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tsa-url", paramLabel = "URL", split = ",", defaultValue = "${env:HERALD_TSA_URLS}",
            description = "RFC 3161 TSA to stamp attestation artifacts; repeat or comma-separate for fail-over "
                    + "(env HERALD_TSA_URLS; default: Herald's own TSA in process).")
    List<URI> tsaUrls = new ArrayList<>();

    @Option(names = "--allow-private-targets", defaultValue = "${env:HERALD_ALLOW_PRIVATE_TARGETS:-false}",
            description = "Development only: let webhook and platform callback URLs use plain http and reach "
                    + "loopback, private and other internal addresses (env HERALD_ALLOW_PRIVATE_TARGETS, "
                    + "default: ${DEFAULT-VALUE}).")
    boolean allowPrivateTargets;

    @Option(names = "--voice-speed", paramLabel = "X", defaultValue = "${env:HERALD_VOICE_SPEED:-1}",
            description = "Pace of simulated calls against real time: 1 real pace, 10 ten times faster, 0 as fast "
                    + "as the machine goes (env HERALD_VOICE_SPEED, default: ${DEFAULT-VALUE}).")
    double voiceSpeed;

    @Mixin
    StoreOptions store;

    HeraldConfig config() {
        return store.config(port).withTsaUrls(tsaUrls == null ? List.of() : tsaUrls)
                .withPrivateTargets(allowPrivateTargets).withVoice(voiceSettings());
    }

    private dev.herald.voice.VoiceSettings voiceSettings() {
        try {
            return new dev.herald.voice.VoiceSettings(voiceSpeed);
        } catch (IllegalArgumentException e) {
            throw new dev.herald.server.ConfigException("--voice-speed: " + e.getMessage());
        }
    }
}
