/** Herald ratify module. */
package dev.herald.ratify;
