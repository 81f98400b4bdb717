package dev.herald.voice.campaigns;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteCampaignRoutesTest extends CampaignRoutesContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }
}
