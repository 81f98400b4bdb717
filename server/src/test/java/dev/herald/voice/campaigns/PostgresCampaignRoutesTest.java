package dev.herald.voice.campaigns;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCampaignRoutesTest extends CampaignRoutesContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
