package dev.herald.evidence.export;

/** Names and fixed values of signed compliance exports. */
public final class ExportFormat {
    public static final String EXPORT_TYPE = "full_audit";
    public static final int EXPORT_VERSION = 1;
    public static final int MANIFEST_VERSION = 1;

    private ExportFormat() {}
}
