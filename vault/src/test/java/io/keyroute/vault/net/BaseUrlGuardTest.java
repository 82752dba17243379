package io.keyroute.vault.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webclient.api.DnsAddressLookup;
import io.keyroute.api.error.ClientError;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BaseUrlGuardTest {
    private final BaseUrlGuard strict = new BaseUrlGuard(() -> false);
    private final BaseUrlGuard lenient = new BaseUrlGuard(() -> true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/v1", "http://localhost/v1", "http://[::1]/", "http://10.1.2.3/",
            "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/",
            "http://100.64.0.1/", "http://[fd00:ec2::254]/", "http://[::ffff:127.0.0.1]/", "http://2130706433/",
            "http://[::127.0.0.1]/", "http://[::ffff:0:a00:1]/", "http://[64:ff9b::169.254.169.254]/",
            "http://[64:ff9b:1::a00:1]/", "http://[2002:7f00:1::1]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
            "http://192.0.0.170/", "http://240.0.0.1/", "http://255.255.255.255/", "http://198.18.0.1/",
            "http://224.0.0.251/", "http://[ff02::1]/", "http://[fe80::1]/"})
    void internalAddressesAreRefused(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOfSatisfying(ClientError.class,
                e -> assertThat(e.status()).isEqualTo(422));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "gopher://x/", "http://user:pw@example.com/",
            "not a url", "http:///nohost"})
    void onlyPlainHttpUrlsAreAccepted(String url) {
        assertThatThrownBy(() -> lenient.check(url)).isInstanceOfSatisfying(ClientError.class,
                e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void publicAddressesAndOperatorOptIn() throws Exception {
        assertThat(strict.check("https://8.8.8.8/v1").getHost()).isEqualTo("8.8.8.8");
        assertThat(lenient.check("http://127.0.0.1:9/v1").getPort()).isEqualTo(9);
        assertThat(BaseUrlGuard.isInternal(InetAddress.getByName("1.1.1.1"))).isFalse();
    }

    @Test
    void everyConnectionIsCheckedAgain() {
        assertThatThrownBy(() -> strict.resolveAddress("localhost", DnsAddressLookup.defaultLookup()))
                .hasMessageContaining("loopback");
        assertThat(lenient.resolveAddress("localhost", DnsAddressLookup.defaultLookup()).isLoopbackAddress()).isTrue();
        assertThat(strict.useDefaultJavaResolver()).isFalse();
    }
}
