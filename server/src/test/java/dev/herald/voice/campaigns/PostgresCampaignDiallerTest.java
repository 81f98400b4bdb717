package dev.herald.voice.campaigns;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCampaignDiallerTest extends CampaignDiallerContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
