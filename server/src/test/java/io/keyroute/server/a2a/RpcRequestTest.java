package io.keyroute.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** What Keyroute reads of a caller's JSON-RPC request, and that any body is either read or refused as JSON-RPC says. */
class RpcRequestTest {
    private static RpcRequest parse(String body) {
        return RpcRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static int refusal(String body) {
        try {
            parse(body);
        } catch (A2aFailure f) {
            return f.rpcCode();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void readsTheIdAndMethod() {
        RpcRequest request = parse("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"message/send\",\"params\":{}}");
        assertThat(request.id().asText()).isEqualTo("a-1");
        assertThat(request.method()).isEqualTo("message/send");
        assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"GetTask\"}").id().asInt()).isEqualTo(3);
    }

    @Test
    void refusesWhatIsNotOneJsonRpcRequest() {
        assertThat(refusal("{")).isEqualTo(-32700);
        assertThatThrownBy(() -> RpcRequest.parse(new byte[0])).isInstanceOf(A2aFailure.class);
        assertThat(refusal("[]")).isEqualTo(-32600);
        assertThat(refusal("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}")).isEqualTo(-32600);
        assertThat(refusal("{\"jsonrpc\":\"2.0\",\"id\":1}")).isEqualTo(-32600);
        assertThat(refusal("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}")).isEqualTo(-32600);
        assertThat(refusal("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}")).isEqualTo(-32600);
        assertThat(refusal("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "m".repeat(129) + "\"}")).isEqualTo(-32600);
        assertThat(refusal("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":\"x\"}")).isEqualTo(-32600);
    }

    @Property
    void anyBodyIsReadOrRefusedInJsonRpcTerms(@ForAll byte[] body) {
        try {
            RpcRequest request = RpcRequest.parse(body);
            assertThat(request.method()).isNotEmpty();
        } catch (A2aFailure f) {
            assertThat(f.rpcCode()).isIn(-32700, -32600);
            assertThat(f.httpStatus()).isEqualTo(200);
        }
    }
}
