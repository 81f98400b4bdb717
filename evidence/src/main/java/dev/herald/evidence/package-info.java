/** Herald evidence module. */
package dev.herald.evidence;
