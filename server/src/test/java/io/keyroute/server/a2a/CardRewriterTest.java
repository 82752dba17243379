package io.keyroute.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.Json;
import org.junit.jupiter.api.Test;

/** Both card shapes, A2A 0.3's and 1.0's, rewritten to point at Keyroute with its bearer scheme alone. */
class CardRewriterTest {
    private static final String ENDPOINT = "https://keyroute.example.com/a2a/geo";

    private static ObjectNode card(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void anA2a1CardKeepsOnlyItsJsonRpcInterfacePointingAtKeyroute() throws Exception {
        ObjectNode card = CardRewriter.rewrite(card("""
                {"name":"GeoSpatial Route Planner Agent",
                 "supportedInterfaces":[
                   {"url":"https://georoute-agent.example.com/a2a/grpc","protocolBinding":"GRPC","protocolVersion":"1.0"},
                   {"url":"https://georoute-agent.example.com/a2a/v1","protocolBinding":"JSONRPC","protocolVersion":"1.0"}],
                 "capabilities":{"streaming":true,"pushNotifications":true,"extendedAgentCard":true},
                 "securitySchemes":{"google":{"openIdConnectSecurityScheme":{"openIdConnectUrl":"https://accounts.google.com/.well-known/openid-configuration"}}},
                 "securityRequirements":[{"schemes":{"google":{"list":["openid"]}}}],
                 "skills":[{"id":"route-optimizer-traffic"}],
                 "signatures":[{"protected":"eyJ","signature":"QFd"}]}
                """), ENDPOINT);

        assertThat(card.path("supportedInterfaces").toString()).isEqualTo(
                "[{\"url\":\"" + ENDPOINT + "\",\"protocolBinding\":\"JSONRPC\",\"protocolVersion\":\"1.0\"}]");
        assertThat(card.path("securitySchemes").toString()).isEqualTo("{\"keyroute\":{\"httpAuthSecurityScheme\":"
                + "{\"scheme\":\"Bearer\",\"description\":\"A Keyroute key (kr-…) as 'Authorization: Bearer'\"}}}");
        assertThat(card.path("securityRequirements").toString()).isEqualTo("[{\"schemes\":{\"keyroute\":{\"list\":[]}}}]");
        assertThat(card.has("url")).isFalse();
        assertThat(card.has("signatures")).isFalse();
        assertThat(card.path("capabilities").path("pushNotifications").asBoolean()).isFalse();
        assertThat(card.path("capabilities").path("extendedAgentCard").asBoolean()).isTrue();
        assertThat(card.path("skills").get(0).path("id").asText()).isEqualTo("route-optimizer-traffic");
        assertThat(card.toString()).doesNotContain("georoute-agent.example.com").doesNotContain("google");
    }

    @Test
    void anA2a03CardPointsItsUrlAndInterfacesAtKeyroute() throws Exception {
        ObjectNode card = CardRewriter.rewrite(card("""
                {"protocolVersion":"0.3.0","name":"Echo","url":"http://10.0.0.7:9000/a2a","preferredTransport":"GRPC",
                 "additionalInterfaces":[{"url":"10.0.0.7:9001","transport":"GRPC"}],
                 "securitySchemes":{"agentToken":{"type":"http","scheme":"bearer"}},"security":[{"agentToken":[]}]}
                """), ENDPOINT);

        assertThat(card.path("url").asText()).isEqualTo(ENDPOINT);
        assertThat(card.path("preferredTransport").asText()).isEqualTo("JSONRPC");
        assertThat(card.path("additionalInterfaces").toString())
                .isEqualTo("[{\"url\":\"" + ENDPOINT + "\",\"transport\":\"JSONRPC\"}]");
        assertThat(card.path("security").toString()).isEqualTo("[{\"keyroute\":[]}]");
        assertThat(card.toString()).doesNotContain("10.0.0.7").doesNotContain("agentToken");
    }
}
