package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HeraldConfigTest {
    @Test
    void defaultsToSqliteUnderTheDataDir() {
        HeraldConfig c = HeraldConfig.of(null, Path.of("some-dir"), null);
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.databaseUrl()).startsWith("jdbc:sqlite:").endsWith("some-dir/herald.db");
        assertThat(c.isSqlite()).isTrue();
    }

    @Test
    void redactsPasswordsInToStringAndMessages() {
        HeraldConfig c = HeraldConfig.of(1, Path.of("d"), "jdbc:postgresql://db:5432/h?user=u&password=hunter2&ssl=true");
        assertThat(c.toString()).doesNotContain("hunter2").contains("password=***").contains("ssl=true");
        HeraldConfig userInfo = HeraldConfig.of(1, Path.of("d"), "jdbc:postgresql://u:hunter2@db/h");
        assertThat(userInfo.toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> HeraldConfig.of(1, Path.of("d"), "jdbc:mysql://db/h?password=hunter2"))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void rejectsOutOfRangePorts() {
        assertThatThrownBy(() -> HeraldConfig.of(70_000, null, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("port");
    }

    @Test
    void tsaUrlsMustBeAbsoluteHttpUrls_andDefaultToNone() {
        assertThat(HeraldConfig.of(1, null, null).tsaUrls()).isEmpty();
        HeraldConfig two = HeraldConfig.of(1, null, null).withTsaUrls(java.util.List.of(
                java.net.URI.create("https://tsa.example/rfc3161"), java.net.URI.create("http://127.0.0.1:8080/tsa")));
        assertThat(two.tsaUrls()).hasSize(2);
        assertThat(two.withPort(2).tsaUrls()).isEqualTo(two.tsaUrls());
        assertThatThrownBy(() -> HeraldConfig.of(1, null, null).withTsaUrls(java.util.List.of(java.net.URI.create("tsa.example"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TSA URL");
        assertThatThrownBy(() -> HeraldConfig.of(1, null, null).withTsaUrls(
                java.util.List.of(java.net.URI.create("ftp://tsa.example/x")))).isInstanceOf(ConfigException.class);
    }

    @Test
    void privateTargetsAreRefusedUnlessTurnedOn() {
        HeraldConfig c = HeraldConfig.of(1, null, null);
        assertThat(c.allowPrivateTargets()).isFalse();
        assertThat(c.withTsaUrls(java.util.List.of()).withPort(2).allowPrivateTargets()).isFalse();
        HeraldConfig dev = c.withPrivateTargets(true);
        assertThat(dev.allowPrivateTargets()).isTrue();
        assertThat(dev.withPort(3).withTsaUrls(java.util.List.of()).allowPrivateTargets()).isTrue();
        assertThat(dev.toString()).contains("allowPrivateTargets=true");
    }
}
