package io.keyroute.vault.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The addresses a caller-supplied upstream may not reach: every block of IANA's IPv4 and IPv6
 * special-purpose address registries that is not globally reachable, plus the transition blocks
 * that carry an IPv4 address inside an IPv6 one, so that {@code 127.0.0.1} cannot come back
 * dressed as {@code ::7f00:1}, {@code 64:ff9b::7f00:1} or {@code 2002:7f00:1::}.
 *
 * <p>IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-translated ({@code ::ffff:0:0:0/96}) and NAT64's
 * well-known prefix ({@code 64:ff9b::/96}) are judged by the IPv4 address they carry: behind DNS64 a
 * public provider's name resolves to {@code 64:ff9b::a.b.c.d}, and that must keep working. The
 * blocks that embed an address in ways not worth decoding (IPv4-compatible, local-use NAT64, 6to4,
 * Teredo) are refused whole: no model provider is served from them.
 */
final class InternalAddresses {
    private static final List<Block> IPV4 = blocks(
            "0.0.0.0/8",          // "this network"
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // shared address space (carrier-grade NAT)
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local: cloud metadata at 169.254.169.254
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
            "192.0.2.0/24",       // documentation
            "192.88.99.0/24",     // 6to4 relay anycast (deprecated)
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, and the limited broadcast 255.255.255.255
    private static final List<Block> IPV6 = blocks(
            "::/96",              // unspecified, loopback, IPv4-compatible (deprecated)
            "64:ff9b:1::/48",     // local-use NAT64: any internal network behind it
            "100::/64",           // discard-only
            "2001::/23",          // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID
            "2001:db8::/32",      // documentation
            "2002::/16",          // 6to4
            "3fff::/20",          // documentation
            "5f00::/16",          // segment routing (SRv6) SIDs
            "fc00::/7",           // unique local: AWS metadata at fd00:ec2::254
            "fe80::/10",          // link-local
            "fec0::/10",          // site-local (deprecated)
            "ff00::/8");          // multicast
    /** IPv6 blocks whose last 32 bits are an IPv4 address, judged as that address. */
    private static final List<Block> CARRY_IPV4 = blocks(
            "::ffff:0:0/96",      // IPv4-mapped
            "::ffff:0:0:0/96",    // IPv4-translated (SIIT)
            "64:ff9b::/96");      // NAT64 well-known prefix

    private InternalAddresses() {
    }

    static boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return matches(IPV4, bytes);
        }
        if (matches(CARRY_IPV4, bytes)) {
            return matches(IPV4, Arrays.copyOfRange(bytes, 12, 16));
        }
        return matches(IPV6, bytes);
    }

    private static boolean matches(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Block> blocks(String... cidrs) {
        return Stream.of(cidrs).map(Block::parse).toList();
    }

    /** One CIDR block. */
    private record Block(byte[] network, int bits) {
        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            return new Block(literal(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
        }

        /**
         * The literal's bytes as written: {@code InetAddress} turns an IPv4-mapped literal into the
         * IPv4 address, so {@code ::ffff:0:0} is spelled out here.
         */
        private static byte[] literal(String address) {
            try {
                byte[] parsed = InetAddress.getByName(address).getAddress();
                if (parsed.length == 4 && address.contains(":")) {
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(parsed, 0, mapped, 12, 4);
                    return mapped;
                }
                return parsed;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address literal: " + address, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
