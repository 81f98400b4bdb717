/** The calibration block every benchmark entry point prints: this machine's speed, measured in the same run. */
package dev.herald.bench.calibration;
