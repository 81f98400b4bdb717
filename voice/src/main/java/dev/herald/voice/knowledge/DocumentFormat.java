package dev.herald.voice.knowledge;

import java.util.Locale;
import java.util.Optional;

/** The kinds of document the corpus takes, by media type. */
public enum DocumentFormat {
    TEXT("text/plain"),
    MARKDOWN("text/markdown"),
    PDF("application/pdf");

    private final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a {@code Content-Type} value (parameters ignored; {@code text/x-markdown} is Markdown). */
    public static Optional<DocumentFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "text/plain" -> Optional.of(TEXT);
            case "text/markdown", "text/x-markdown" -> Optional.of(MARKDOWN);
            case "application/pdf" -> Optional.of(PDF);
            default -> Optional.empty();
        };
    }

    public static Optional<DocumentFormat> ofMediaType(String mediaType) {
        for (DocumentFormat f : values()) {
            if (f.mediaType.equals(mediaType)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
