package dev.herald.ratify;

/**
 * Untrusted wire bytes were rejected by the strict codec. {@link #path()} is a JSON pointer-like
 * location ({@code $.delegations[0].scope[2]}) and {@link #defect()} names the rule violated.
 */
public final class RatifyDecodeException extends RatifyException {
  private final String path;
  private final String defect;

  public RatifyDecodeException(String path, String defect) {
    super("invalid: " + path + ": " + defect);
    this.path = path;
    this.defect = defect;
  }

  public RatifyDecodeException(String path, String defect, Throwable cause) {
    super("invalid: " + path + ": " + defect, cause);
    this.path = path;
    this.defect = defect;
  }

  public String path() {
    return path;
  }

  public String defect() {
    return defect;
  }
}
