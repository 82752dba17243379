package io.keyroute.testkit.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * OTLP's three collector services over gRPC ({@code opentelemetry.proto.collector.*.v1.*Service/Export}), served
 * by grpc-java on loopback as a collector serves them on 4317: each request decoded as the official
 * {@code opentelemetry-proto} message and handed to a sink, answered with the empty {@code Export*ServiceResponse};
 * an undecodable one is {@code INVALID_ARGUMENT}. The messages travel as bytes (the proto artifact has no gRPC
 * stubs), so the decoding is the same protobuf parser the HTTP receiver uses.
 */
final class OtlpGrpcServices implements AutoCloseable {
    private static final Context.Key<Map<String, List<String>>> HEADERS = Context.key("otlp-headers");
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readNBytes(OtlpReceiver.MAX_BODY_BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** Where a decoded export goes: the method's path ({@code /…TraceService/Export}), its metadata, the message. */
    @FunctionalInterface
    interface Sink {
        void received(String path, Map<String, List<String>> headers, Message request);
    }

    @FunctionalInterface
    private interface Decoder {
        Message decode(byte[] body) throws InvalidProtocolBufferException;
    }

    private final Server server;

    private OtlpGrpcServices(Server server) {
        this.server = server;
    }

    static OtlpGrpcServices start(Sink sink) {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .maxInboundMessageSize(OtlpReceiver.MAX_BODY_BYTES)
                .addService(service("opentelemetry.proto.collector.trace.v1.TraceService", sink,
                        ExportTraceServiceRequest.parser()::parseFrom, ExportTraceServiceResponse.getDefaultInstance()))
                .addService(service("opentelemetry.proto.collector.metrics.v1.MetricsService", sink,
                        ExportMetricsServiceRequest.parser()::parseFrom,
                        ExportMetricsServiceResponse.getDefaultInstance()))
                .addService(service("opentelemetry.proto.collector.logs.v1.LogsService", sink,
                        ExportLogsServiceRequest.parser()::parseFrom, ExportLogsServiceResponse.getDefaultInstance()))
                .build();
        try {
            return new OtlpGrpcServices(server.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the value of {@code OTEL_EXPORTER_OTLP_ENDPOINT} with the grpc protocol. */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServerServiceDefinition service(String name, Sink sink, Decoder decoder, Message response) {
        MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(name, "Export"))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        String path = "/" + export.getFullMethodName();
        ServerServiceDefinition definition = ServerServiceDefinition.builder(name)
                .addMethod(export, ServerCalls.asyncUnaryCall((bytes, answer) -> {
                    Message decoded;
                    try {
                        decoded = decoder.decode(bytes);
                    } catch (InvalidProtocolBufferException e) {
                        answer.onError(Status.INVALID_ARGUMENT.withDescription("undecodable " + name + " request")
                                .asRuntimeException());
                        return;
                    }
                    sink.received(path, HEADERS.get(), decoded);
                    answer.onNext(response.toByteArray());
                    answer.onCompleted();
                }))
                .build();
        return ServerInterceptors.intercept(definition, new MetadataAsHeaders());
    }

    /** The call's metadata, as the HTTP receiver's headers are (names lower-cased), into the call's context. */
    private static final class MetadataAsHeaders implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata metadata,
                                                           ServerCallHandler<Q, A> next) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String key : metadata.keys()) {
                if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    Iterable<String> values = metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
                    headers.put(key.toLowerCase(Locale.ROOT), values == null ? List.of()
                            : StreamSupport.stream(values.spliterator(), false).toList());
                }
            }
            return Contexts.interceptCall(Context.current().withValue(HEADERS, Map.copyOf(headers)), call, metadata,
                    next);
        }
    }
}
