# syntax=docker/dockerfile:1
# Multi-stage build on Debian 12: the runtime image holds only the gateway and its runtime
# libraries, runs as an unprivileged user, and keeps its config and store in volumes.

FROM debian:12-slim AS build
COPY scripts/install-deps /tmp/install-deps
RUN /tmp/install-deps --build-only
WORKDIR /src
COPY . .
RUN meson setup /build --buildtype=release -Dtests=false \
 && ninja -C /build gateway/xmpp-sip-gateway \
 && install -D -m 0755 /build/gateway/xmpp-sip-gateway /out/usr/bin/xmpp-sip-gateway \
 && install -D -m 0644 config/gateway.example.toml /out/etc/xmpp-sip-gateway/gateway.toml

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libsofia-sip-ua0 libstrophe0 libevent-2.1-7 libspdlog1.10 libfmt9 \
      libsqlite3-0 libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/xmpp-sip-gateway --create-home --shell /usr/sbin/nologin gateway
COPY --from=build /out/ /
USER gateway
VOLUME ["/etc/xmpp-sip-gateway", "/var/lib/xmpp-sip-gateway"]
# SIP (UDP and TCP) and the local metrics/health endpoint.
EXPOSE 5060/udp 5060/tcp 8480/tcp
# The health of the configuration: a broken file fails this before the gateway starts.
HEALTHCHECK --interval=60s --timeout=5s CMD ["xmpp-sip-gateway", "--check-config", "--config", "/etc/xmpp-sip-gateway/gateway.toml"]
ENTRYPOINT ["xmpp-sip-gateway"]
CMD ["--config", "/etc/xmpp-sip-gateway/gateway.toml"]
