package dev.herald.server.cli.ratify;

/** Unusable input to a {@code herald ratify} command: reported as one line, exit code 2. */
final class CliInputException extends RuntimeException {
    CliInputException(String message) {
        super(message, null, false, false);
    }
}
