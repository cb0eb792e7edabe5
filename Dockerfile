# syntax=docker/dockerfile:1
# One image for the five Herald services; the service is chosen by SERVICE (build arg or env):
#   docker build -t herald .   &&   docker run -e SERVICE=matcher herald
# Stages: deps (all packages, to compile) -> build (SWC, scripts/build.cjs -> dist/) ->
# runtime-deps (production packages only) -> runtime (non-root, no compiler, no sources).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` installs exactly the lockfile; `npm install` is the fallback for mirrors that do not
# serve every platform's optional build listed by a lockfile made elsewhere (see .ci/run).
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund

FROM deps AS build
COPY tsconfig.base.json tsconfig.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN node scripts/build.cjs

FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN (npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund) \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=subscription-api
# Containers listen on every interface (probes and Services reach the pod IP); npm start keeps
# the default, loopback only.
ENV NODE_ENV=production \
    HERALD_HTTP_HOST=0.0.0.0 \
    SERVICE=${SERVICE}
WORKDIR /app
COPY --from=runtime-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The files belong to root and are read-only for the `node` user (uid 1000) the services run as.
USER node
EXPOSE 3000 9101 9102 9103 9104
STOPSIGNAL SIGTERM
# exec: node is PID 1's child-free replacement, so SIGTERM reaches it and it drains.
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]
