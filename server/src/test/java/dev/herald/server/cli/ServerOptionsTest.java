package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `herald up` and `herald serve` keep webhook targets public unless told otherwise. */
class ServerOptionsTest {
    @Test
    void upRefusesPrivateTargetsByDefaultAndTheFlagAllowsThem() {
        UpCommand plain = new UpCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.options.config().allowPrivateTargets()).isFalse();
        UpCommand local = new UpCommand();
        new CommandLine(local).parseArgs("--allow-private-targets");
        assertThat(local.options.config().allowPrivateTargets()).isTrue();
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.options.config().allowPrivateTargets()).isFalse();
    }
}
