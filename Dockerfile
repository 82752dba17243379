# syntax=docker/dockerfile:1
# Keyroute's container image: the packaged server (server/target/keyroute.jar and its lib/) on the JDK 25
# runtime, run by the launcher (./keyroute: its JVM defaults, heap sized to the container's memory limit)
# as a non-root user, for a read-only root file system. docs/DEPLOYMENT.md says how to run N replicas.
#
#   docker build -t keyroute .
#   docker run --read-only --tmpfs /tmp -v keyroute-data:/var/lib/keyroute -p 8080:8080 \
#     -e KEYROUTE_ADMIN_TOKEN=… -e OPENAI_API_KEY=… keyroute

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# The server module and what it needs; tests belong to CI, not to the image build.
RUN ./mvnw -B -q -Dmaven.test.skip=true -pl server -am package

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 keyroute \
    && useradd --system --uid 10001 --gid keyroute --home-dir /var/lib/keyroute --no-create-home \
       --shell /usr/sbin/nologin keyroute \
    && install -d -o keyroute -g keyroute -m 0700 /var/lib/keyroute
# The launcher finds the jar at server/target/ beside itself, as in a checkout (no sources: it never rebuilds).
COPY --from=build /src/keyroute /opt/keyroute/keyroute
COPY --from=build /src/server/target/keyroute.jar /opt/keyroute/server/target/keyroute.jar
COPY --from=build /src/server/target/lib/ /opt/keyroute/server/target/lib/
COPY deploy/keyroute.yaml /etc/keyroute/keyroute.yaml
# No start-up cache: it would be written into the image's read-only /opt.
ENV KEYROUTE_CONFIG=/etc/keyroute/keyroute.yaml \
    KEYROUTE_START_CACHE=off
USER keyroute:keyroute
# data/ (the usage journal; with SQLite the database and its generated master key) is relative to here.
WORKDIR /var/lib/keyroute
VOLUME ["/var/lib/keyroute"]
EXPOSE 8080
# Liveness: /health answers 200 while the process serves (bash's /dev/tcp: the JRE image need not have curl).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${KEYROUTE_PORT:-8080} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/keyroute/keyroute"]
CMD ["serve"]
