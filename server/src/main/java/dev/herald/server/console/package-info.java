/**
 * The web console: server-rendered pages (precompiled JTE templates) with htmx for partial updates,
 * its SSE extension for live calls and echarts for the overview's chart, all served from the jar.
 * Sign-in takes an API key, which stays sealed in an HttpOnly cookie ({@link SessionCookie}); every
 * page re-checks it, so a revoked key ends its console sessions. Pages read the voice module only
 * through {@link dev.herald.voice.VoiceModule} and the services it hands out, never its tables.
 */
package dev.herald.server.console;
