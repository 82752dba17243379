package io.keyroute.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration every module uses; immutable once built and thread-safe. */
public final class Json {
    /**
     * Parse errors never quote the source (a request body may carry secrets); trailing junk is an
     * error. Parser and generator buffers come from one shared pool: Jackson's default keeps them
     * per thread, and with a virtual thread per connection every open connection (every open
     * stream) held its own set, ~20 KB each, allocated anew for each new connection.
     * <p>
     * No limit on one string's length ({@link #CONSTRAINTS}): every input is bounded in bytes before it
     * is parsed ({@code server.max_request_bytes} for requests, the answer and event limits for
     * providers), and a string is never longer than its input, so Jackson's default of 20 M characters
     * only refused valid bodies under the body limit (a 15 MB PDF in base64). Its other limits
     * (nesting depth, number and property-name length) are meant and stay.
     */
    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE)
            .build();

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .streamReadConstraints(CONSTRAINTS)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }
}
