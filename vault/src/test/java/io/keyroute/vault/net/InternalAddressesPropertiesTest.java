package io.keyroute.vault.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every address generated inside each blocked range is refused, IPv4 ones also in every IPv6 form
 * that carries them; public addresses pass, NAT64's well-known form included (DNS64 networks).
 * The ranges are written out here, from IANA's special-purpose registries, not read from the code.
 */
class InternalAddressesPropertiesTest {
    private static final List<String> BLOCKED_IPV4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<String> BLOCKED_IPV6 = List.of("::/96", "64:ff9b:1::/48", "100::/64", "2001::/32",
            "2001:2::/48", "2001:db8::/32", "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10",
            "fec0::/10", "ff00::/8");

    @Property(tries = 2000)
    void everyBlockedIpv4AddressIsRefusedInEveryForm(@ForAll("blockedIpv4") byte[] v4,
                                                     @ForAll("anyBytes") byte[] noise) throws Exception {
        assertThat(BaseUrlGuard.isInternal(InetAddress.getByAddress(v4))).as(show(v4)).isTrue();
        for (byte[] form : List.of(embedded(v4, "::ffff:0:0"), embedded(v4, "::"), embedded(v4, "::ffff:0:0:0"),
                embedded(v4, "64:ff9b::"), localNat64(v4, noise), sixToFour(v4, noise), teredo(v4, noise))) {
            assertThat(BaseUrlGuard.isInternal(v6(form))).as(show(form) + " carrying " + show(v4)).isTrue();
        }
    }

    @Property(tries = 2000)
    void everyBlockedIpv6AddressIsRefused(@ForAll("blockedIpv6") byte[] v6) throws Exception {
        assertThat(BaseUrlGuard.isInternal(v6(v6))).as(show(v6)).isTrue();
    }

    @Property(tries = 1000)
    void publicIpv4PassesAlsoMappedAndThroughNat64(@ForAll("publicIpv4") byte[] v4) throws Exception {
        assertThat(BaseUrlGuard.isInternal(InetAddress.getByAddress(v4))).as(show(v4)).isFalse();
        assertThat(BaseUrlGuard.isInternal(v6(embedded(v4, "::ffff:0:0")))).isFalse();
        assertThat(BaseUrlGuard.isInternal(v6(embedded(v4, "64:ff9b::")))).isFalse();
    }

    @Property(tries = 500)
    void globalUnicastIpv6Passes(@ForAll("globalIpv6") byte[] v6) throws Exception {
        assertThat(BaseUrlGuard.isInternal(v6(v6))).as(show(v6)).isFalse();
    }

    @Provide
    Arbitrary<byte[]> blockedIpv4() {
        return Arbitraries.of(BLOCKED_IPV4).flatMap(cidr -> inside(cidr, 4));
    }

    @Provide
    Arbitrary<byte[]> blockedIpv6() {
        return Arbitraries.of(BLOCKED_IPV6).flatMap(cidr -> inside(cidr, 16));
    }

    @Provide
    Arbitrary<byte[]> publicIpv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4)
                .filter(v4 -> BLOCKED_IPV4.stream().noneMatch(cidr -> within(v4, cidr)));
    }

    /** 2000::/3 outside the blocked blocks of 2001::/16 and 2002::/16 and 3fff::/20: e.g. 2400::/6 and 2600::/7. */
    @Provide
    Arbitrary<byte[]> globalIpv6() {
        return Arbitraries.of("2400::/6", "2600::/7", "2a00::/8").flatMap(cidr -> inside(cidr, 16));
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    /** A uniformly random address of the block. */
    private static Arbitrary<byte[]> inside(String cidr, int length) {
        byte[] network = literal(cidr.substring(0, cidr.indexOf('/')), length);
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        return Arbitraries.bytes().array(byte[].class).ofSize(length).map(random -> {
            byte[] address = random.clone();
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                address[bit / 8] = (byte) ((address[bit / 8] & ~mask) | (network[bit / 8] & mask));
            }
            return address;
        });
    }

    private static boolean within(byte[] address, String cidr) {
        byte[] network = literal(cidr.substring(0, cidr.indexOf('/')), address.length);
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        BigInteger a = new BigInteger(1, address).shiftRight(address.length * 8 - bits);
        BigInteger n = new BigInteger(1, network).shiftRight(address.length * 8 - bits);
        return a.equals(n);
    }

    /** {@code prefix} (a /96) with the IPv4 address in its last 32 bits. */
    private static byte[] embedded(byte[] v4, String prefix) {
        byte[] form = literal(prefix, 16);
        System.arraycopy(v4, 0, form, 12, 4);
        return form;
    }

    /** 64:ff9b:1::/48 with the address anywhere after the prefix (RFC 8215 leaves the format to the network). */
    private static byte[] localNat64(byte[] v4, byte[] noise) {
        byte[] form = noise.clone();
        System.arraycopy(literal("64:ff9b:1::", 16), 0, form, 0, 6);
        System.arraycopy(v4, 0, form, 6 + Math.floorMod(noise[0], 7), 4);
        return form;
    }

    /** 2002:v4::/48, any subnet and interface. */
    private static byte[] sixToFour(byte[] v4, byte[] noise) {
        byte[] form = noise.clone();
        form[0] = 0x20;
        form[1] = 0x02;
        System.arraycopy(v4, 0, form, 2, 4);
        return form;
    }

    /** Teredo 2001:0:server:flags:port:client, the client address inverted (the server here is the address too). */
    private static byte[] teredo(byte[] v4, byte[] noise) {
        byte[] form = noise.clone();
        form[0] = 0x20;
        form[1] = 0x01;
        form[2] = 0;
        form[3] = 0;
        System.arraycopy(v4, 0, form, 4, 4);
        for (int i = 0; i < 4; i++) {
            form[12 + i] = (byte) ~v4[i];
        }
        return form;
    }

    /** An IPv6 address object even for mapped bytes ({@code InetAddress.getByAddress} would unwrap those). */
    private static InetAddress v6(byte[] bytes) throws UnknownHostException {
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    private static byte[] literal(String text, int length) {
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length == length) {
                return bytes;
            }
            byte[] mapped = new byte[16]; // "::ffff:0:0" parses as the IPv4 address 0.0.0.0
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String show(byte[] bytes) {
        try {
            return bytes.length == 4 ? Inet4Address.getByAddress(bytes).getHostAddress() : v6(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
