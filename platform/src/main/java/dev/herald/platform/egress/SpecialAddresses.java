package dev.herald.platform.egress;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Classifies IP addresses after the IANA special-purpose registries (RFC 6890 and its updates).
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64 well-known prefix, 6to4) are judged
 * by the IPv4 address they carry, so {@code ::ffff:127.0.0.1} and {@code 2002:7f00:1::} are loopback.
 * IPv6 outside global unicast (2000::/3) is reserved. Stateless and thread-safe.
 */
public final class SpecialAddresses {
    private SpecialAddresses() {
    }

    public static AddressKind classify(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? ipv4(toInt(b, 0)) : ipv6(b);
    }

    static AddressKind ipv4(int v) {
        if (v == 0) {
            return AddressKind.UNSPECIFIED;
        }
        if (v == 0xFFFFFFFF) {
            return AddressKind.BROADCAST;
        }
        if (in(v, 0x0A000000, 8) || in(v, 0xAC100000, 12) || in(v, 0xC0A80000, 16)) {
            return AddressKind.PRIVATE;
        }
        if (in(v, 0x7F000000, 8)) {
            return AddressKind.LOOPBACK;
        }
        if (in(v, 0xA9FE0000, 16)) {
            return AddressKind.LINK_LOCAL;
        }
        if (in(v, 0x64400000, 10)) {
            return AddressKind.SHARED;
        }
        if (in(v, 0xE0000000, 4)) {
            return AddressKind.MULTICAST;
        }
        if (in(v, 0x00000000, 8)          // "this network"
                || in(v, 0xC0000000, 24)  // IETF protocol assignments
                || in(v, 0xC0000200, 24)  // TEST-NET-1
                || in(v, 0xC0586300, 24)  // former 6to4 relay anycast
                || in(v, 0xC6120000, 15)  // benchmarking
                || in(v, 0xC6336400, 24)  // TEST-NET-2
                || in(v, 0xCB007100, 24)  // TEST-NET-3
                || in(v, 0xF0000000, 4)) { // reserved for future use
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }

    static AddressKind ipv6(byte[] b) {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
            return ipv4(toInt(b, 12));                                  // ::ffff:0:0/96, IPv4-mapped
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            int low = toInt(b, 12);
            return low == 0 ? AddressKind.UNSPECIFIED : low == 1 ? AddressKind.LOOPBACK
                    : AddressKind.RESERVED;                             // ::/96, deprecated IPv4-compatible
        }
        int first16 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int second16 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (first16 == 0x0064 && second16 == 0xFF9B) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            return wellKnown ? ipv4(toInt(b, 12)) : AddressKind.RESERVED; // 64:ff9b::/96 NAT64; 64:ff9b:1::/48 local
        }
        if (first16 == 0x2002) {
            return ipv4(toInt(b, 2));                                   // 2002::/16, 6to4
        }
        if ((first16 & 0xFE00) == 0xFC00) {
            return AddressKind.UNIQUE_LOCAL;                            // fc00::/7
        }
        if ((first16 & 0xFFC0) == 0xFE80) {
            return AddressKind.LINK_LOCAL;                              // fe80::/10
        }
        if ((first16 & 0xFFC0) == 0xFEC0) {
            return AddressKind.PRIVATE;                                 // fec0::/10, former site-local
        }
        if ((first16 & 0xFF00) == 0xFF00) {
            return AddressKind.MULTICAST;                               // ff00::/8
        }
        if ((first16 & 0xE000) != 0x2000) {
            return AddressKind.RESERVED;                                // outside 2000::/3 (includes 100::/64)
        }
        if ((first16 == 0x2001 && second16 < 0x0200)                    // 2001::/23 (Teredo, ORCHID, ...)
                || (first16 == 0x2001 && second16 == 0x0DB8)            // 2001:db8::/32 documentation
                || (first16 == 0x3FFF && (second16 & 0xF000) == 0)) {    // 3fff::/20 documentation
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }

    private static boolean in(int v, int network, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (v & mask) == network;
    }

    private static int toInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
