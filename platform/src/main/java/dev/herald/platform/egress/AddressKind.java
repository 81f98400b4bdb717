package dev.herald.platform.egress;

/**
 * What an IP address is, for deciding whether Herald may send a tenant's request to it. Only
 * {@link #PUBLIC} is reachable by default; the development setting also opens the private kinds,
 * never the ones no unicast TCP connection should go to.
 */
public enum AddressKind {
    PUBLIC("a public address", true),
    LOOPBACK("a loopback address", true),
    PRIVATE("a private address", true),
    LINK_LOCAL("a link-local address", true),
    UNIQUE_LOCAL("a unique-local address", true),
    SHARED("a carrier-grade NAT address", true),
    RESERVED("a reserved or documentation address", true),
    MULTICAST("a multicast address", false),
    BROADCAST("the broadcast address", false),
    UNSPECIFIED("the unspecified address", false);

    private final String description;
    private final boolean allowedInDevelopment;

    AddressKind(String description, boolean allowedInDevelopment) {
        this.description = description;
        this.allowedInDevelopment = allowedInDevelopment;
    }

    /** For messages: "a loopback address". */
    public String description() {
        return description;
    }

    /** Whether a target of this kind may be reached when private targets are allowed. */
    public boolean allowedInDevelopment() {
        return allowedInDevelopment;
    }
}
