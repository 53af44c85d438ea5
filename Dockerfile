# The image of either monitor. Build context: the repository root. APP names the app, PORT_VARIABLE the variable
# its port is read from, PORT that port's default (docker-compose.yml passes all three):
#   docker build --build-arg APP=health-monitor -t squeezeflow/health-monitor .
#   docker build --build-arg APP=performance-monitor --build-arg PORT_VARIABLE=PERFORMANCE_MONITOR_PORT \
#     --build-arg PORT=8081 -t squeezeflow/performance-monitor .
# (or `docker-compose build`). Uses nothing beyond the legacy builder.
ARG APP=health-monitor

# --- build: the whole workspace from the lockfile, then a pruned copy of this app ---------------------------
FROM node:20-bookworm-slim AS build
ARG APP
ENV CI=true TURBO_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /repo
# pnpm at the version package.json pins (packageManager), so the image builds with what CI uses.
COPY package.json ./
RUN npm install -g --no-audit --no-fund "pnpm@$(node -p "require('./package.json').packageManager.split('@')[1]")"
# Fill the store from the lockfile alone: this layer is rebuilt only when dependencies change.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm exec turbo run build --filter=@squeezeflow/${APP}... --output-logs=errors-only
# Only production dependencies and built code; workspace packages (@squeezeflow/core, …) are copied in, not linked.
RUN pnpm --filter @squeezeflow/${APP} deploy --prod /out \
 && cd /out && rm -rf src test .turbo tsconfig*.json pnpm-lock.yaml pnpm-workspace.yaml node_modules/.pnpm-workspace-state*.json

# --- runtime ------------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ARG APP
ARG PORT_VARIABLE=HEALTH_MONITOR_PORT
ARG PORT=8080
# The HEALTHCHECK asks the port the app listens on: the app's own variable when set, else its default.
ENV NODE_ENV=production MONITOR_PORT_VARIABLE=${PORT_VARIABLE} MONITOR_DEFAULT_PORT=${PORT} MONITOR_APP=${APP}
# glibc keeps freed memory once a large block has raised its trim threshold; a fixed 128 KB gives it back
# (≈ 2 MB less RSS at rest). Blocks of 64 KB and more get their own mapping, returned whole when freed, instead
# of a place in the heap that fragments (performance-monitor's full metric rings are 120 KB each): ≈ 22 MB less
# under the soak. scripts/lib/local_node_flags sets the same outside a container (README "Benchmarks").
ENV MALLOC_TRIM_THRESHOLD_=131072 MALLOC_MMAP_THRESHOLD_=65536
WORKDIR /app
# Owned by root: the service (user node) can read its code but not change it.
COPY --from=build /out ./
USER node
EXPOSE ${PORT}
# Liveness only (/livez): 503 when one of the app's loops has stalled (not completed a run within 3 of its
# intervals), so a wedged process gets restarted. /health is the state of what the app watches, and is not
# about this container: it must not make Docker consider the container broken.
HEALTHCHECK --interval=30s --timeout=10s --retries=3 --start-period=40s \
  CMD ["node", "-e", "const e = process.env; fetch('http://127.0.0.1:' + (e[e.MONITOR_PORT_VARIABLE] || e.MONITOR_DEFAULT_PORT) + '/livez', { signal: AbortSignal.timeout(8000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The app handles SIGTERM: closes HTTP and Redis, exits 0 (forced after 10 s); `exec` makes node PID 1.
STOPSIGNAL SIGTERM
# health-monitor runs with a young generation of at most 2 × 2 MB instead of V8's 2 × 16 MB, which it filled at
# start-up and kept: ≈ 35 MB less RSS at rest and under load. performance-monitor keeps V8's default, which its
# ingest needs (README "Benchmarks", measured both ways; scripts/start_monitoring.sh does the same).
CMD ["sh", "-c", "exec node $([ \"$MONITOR_APP\" = health-monitor ] && echo --max-semi-space-size=2) dist/bundle/main.mjs"]
