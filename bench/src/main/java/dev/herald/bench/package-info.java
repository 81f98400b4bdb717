/** JMH benchmarks. */
package dev.herald.bench;
