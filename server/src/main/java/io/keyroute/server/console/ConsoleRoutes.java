package io.keyroute.server.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.server.console.ConsoleAssets.Asset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The operator console at {@code /ui/}: the shell page (revalidated on every load, so a new build
 * is picked up at once) and its assets under {@code /ui/assets/<version>/} (cached for a year: a new
 * build has a new version). Anything else under {@code /ui/}, an asset under another version
 * included, is 404.
 */
public final class ConsoleRoutes implements HttpService {
    public static final String PATH = "/ui/";
    private static final String ASSETS = PATH + "assets/";
    private static final byte[] NOT_FOUND = "Not found.\n".getBytes(StandardCharsets.UTF_8);

    private final ConsoleAssets assets;

    public ConsoleRoutes(ConsoleAssets assets) {
        this.assets = assets;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/ui", (req, res) -> {
            res.status(Status.MOVED_PERMANENTLY_301).header(HeaderNames.LOCATION, PATH);
            res.send();
        }).get("/ui/*", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        ConsoleHeaders.ALL.forEach(res::header);
        String path = req.path().path();
        if (path.equals(PATH)) {
            send(res, assets.index(), "no-cache");
            return;
        }
        String versioned = ASSETS + assets.version() + "/";
        Optional<Asset> asset = path.startsWith(versioned) ? assets.asset(path.substring(versioned.length())) : Optional.empty();
        if (asset.isPresent()) {
            send(res, asset.get(), "public, max-age=31536000, immutable");
        } else {
            res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN).header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.send(NOT_FOUND);
        }
    }

    private static void send(ServerResponse res, Asset asset, String cacheControl) {
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType()).header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.send(asset.bytes());
    }
}
