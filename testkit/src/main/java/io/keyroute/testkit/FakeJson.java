package io.keyroute.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fakes' Jackson: like the real APIs, they take a request whatever the length of one string in
 * it (a large base64 document); Jackson's default refuses strings over 20 M characters.
 */
public final class FakeJson {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());

    private FakeJson() {
    }
}
