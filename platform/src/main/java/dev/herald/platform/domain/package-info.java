/**
 * The closed set of domain failures every service throws, free of HTTP: {@link
 * dev.herald.platform.domain.NotFound}, {@link dev.herald.platform.domain.Conflict}, {@link
 * dev.herald.platform.domain.Invalid}, {@link dev.herald.platform.domain.Denied} and {@link
 * dev.herald.platform.domain.Unavailable}.
 */
package dev.herald.platform.domain;
