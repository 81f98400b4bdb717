package dev.herald.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.auth.ApiKeyService;
import dev.herald.server.auth.Bootstrap;
import dev.herald.server.auth.ProjectService;
import dev.herald.server.auth.WorkspaceService;
import dev.herald.server.http.Idempotency;
import dev.herald.server.identity.ChallengeRecords;
import dev.herald.server.identity.RatifyService;
import dev.herald.server.identity.RevocationRegistry;
import dev.herald.server.identity.RatifyRegistry;
import dev.herald.server.http.JsonBody;
import dev.herald.server.http.JsonMapping;
import dev.herald.server.store.Database;
import dev.herald.server.store.Ids;
import dev.herald.server.store.SecretBox;
import dev.herald.server.webhooks.WebhookService;
import dev.herald.server.platforms.PlatformService;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Every service of the server, built by hand in dependency order. {@link Herald} builds one for
 * the HTTP server; CLI commands that write to the store directly build one without HTTP.
 * A new feature adds its service here and its routes in {@link Herald#features}.
 */
public record Services(Database db, Clock clock, SecureRandom random, Ids ids, ObjectMapper mapper,
                       JsonBody json, Idempotency idempotency, WorkspaceService workspaces,
                       ProjectService projects, ApiKeyService apiKeys, Bootstrap bootstrap,
                       RatifyService ratify, SecretBox secrets, WebhookService webhooks,
                       PlatformService platforms, RatifyRegistry registry) {

    public static Services create(Database db, Clock clock, SecureRandom random, SecretBox secrets) {
        Ids ids = new Ids(clock, random);
        ObjectMapper mapper = JsonMapping.create();
        WorkspaceService workspaces = new WorkspaceService(db, ids, clock);
        ProjectService projects = new ProjectService(db, ids, clock);
        ApiKeyService apiKeys = new ApiKeyService(db, ids, clock, random);
        WebhookService webhooks = new WebhookService(db, ids, clock, random, secrets, mapper);
        return new Services(db, clock, random, ids, mapper, new JsonBody(mapper),
                new Idempotency(db, mapper, clock), workspaces, projects, apiKeys,
                new Bootstrap(workspaces, projects, apiKeys),
                new RatifyService(new ChallengeRecords(db), new RevocationRegistry(db, clock), clock, random),
                secrets, webhooks,
                new PlatformService(db, ids, clock, random, secrets, mapper, projects, apiKeys, webhooks),
                new RatifyRegistry(db, clock, mapper));
    }
}
