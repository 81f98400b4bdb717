package dev.herald.voice.campaigns;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteCampaignCreateTest extends CampaignCreateContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Override
    StoreExtension store() {
        return STORE;
    }
}
