/** Herald server module. */
package dev.herald.server;
