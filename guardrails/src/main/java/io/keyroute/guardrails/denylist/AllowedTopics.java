package io.keyroute.guardrails.denylist;

import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a workspace's traffic to its topics: each topic is a set of keywords or phrases, and a
 * text that mentions none of any topic is one {@code off_topic} finding spanning the whole text
 * (an assistant for billing questions refuses a request for a poem). A check of the whole
 * request, not of a stream's pieces: it reads the whole text, and finds nothing from any
 * position but the start.
 */
public final class AllowedTopics implements Detector {
    public static final String OFF_TOPIC = "off_topic";

    private final String name;
    private final WordSet keywords;

    /** {@code topics}: a topic's name to its keywords; at least one topic with at least one keyword. */
    public AllowedTopics(String name, Map<String, List<String>> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("allowed topics need at least one topic");
        }
        var all = new ArrayList<String>();
        topics.forEach((topic, words) -> {
            if (words == null || words.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " needs at least one keyword");
            }
            all.addAll(words);
        });
        this.name = name;
        this.keywords = new WordSet(all, "topics");
    }

    @Override
    public String name() {
        return name;
    }

    /** The whole text decides. */
    @Override
    public int maxMatchLength() {
        return Integer.MAX_VALUE;
    }

    @Override
    public List<Finding> scan(CharSequence text, int from) {
        if (from > 0 || text.isEmpty() || !keywords.find(text, 0).isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(OFF_TOPIC, 0, text.length(), 1.0));
    }
}
