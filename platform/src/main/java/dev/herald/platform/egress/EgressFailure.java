package dev.herald.platform.egress;

/**
 * Why an outbound request got no usable answer, coarse on purpose: the delivery log shows the
 * class, never the socket's message, so it cannot be used to map ports or networks.
 */
public enum EgressFailure {
    /** The stored URL is no longer allowed (plain http without the development setting). */
    REFUSED_SCHEME("refused_scheme"),
    /** The host is, or resolved to, an address Herald does not send to. */
    REFUSED_ADDRESS("refused_address"),
    /** The host name did not resolve. */
    DNS_FAILED("dns_failed"),
    /** No connection could be made, or it broke before an answer. */
    CONNECT_FAILED("connect_failed"),
    /** The TLS handshake failed (untrusted or mismatched certificate, protocol error). */
    TLS_FAILED("tls_failed"),
    /** No complete answer within the request timeout. */
    TIMEOUT("timeout"),
    /** The receiver answered 3xx; redirects are never followed. */
    REDIRECT("redirect"),
    /** The answer's status line and headers exceeded the limit. */
    RESPONSE_TOO_LARGE("response_too_large"),
    /** The answer was not HTTP. */
    INVALID_RESPONSE("invalid_response");

    private final String wire;

    EgressFailure(String wire) {
        this.wire = wire;
    }

    /** The value stored and shown in the delivery log. */
    public String wire() {
        return wire;
    }
}
