# One parameterised Dockerfile: one image per service (decision 0024).
#   docker build --build-arg SERVICE=gateway -t adminduk/gateway:<tag> .
# SERVICE is a folder of services/ (gateway, intake, verification, documents, signing, printing,
# notifications, projections, relay, complaints, web, auth-dev). Every image also carries the migration
# runner (libs/migrations): the migration Job runs `node libs/migrations/dist/src/main.js` from the
# release's gateway image. BASE_IMAGE defaults to the official Node 20 slim image; the tests pass a
# stand-in built locally (infra/docker-base.sh) because no image registry is reachable there.
ARG BASE_IMAGE=node:20-slim

# Only the package manifests, so the dependency layers below are rebuilt only when they change.
FROM ${BASE_IMAGE} AS manifests
ENV npm_config_update_notifier=false
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name package.json -not -path '*/node_modules/*' -not -path './.local/*' -exec cp --parents {} /manifests/ \; \
  && cp package-lock.json /manifests/

# Compile every package (tsc -b into each package's dist/) and bundle the web app.
FROM ${BASE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN npm run --silent build

# The build stage as the image that runs test suites in a cluster (the dev overlay's KurrentDB contract
# Job), as uid 1000 with a read-only root. SWC unpacks its native addon into a cache it accepts only in
# a directory of its own user (a pod's emptyDir /tmp is 0777 without the sticky bit): unpacked here.
FROM build AS test-runner
RUN mkdir -p /opt/swc-cache && chown 1000:1000 /opt/swc-cache
USER 1000:1000
ENV SWC_NATIVE_BINDING_CACHE=/opt/swc-cache HOME=/tmp
RUN node -e "require('@swc/core')"

# Production dependencies only: no compiler, test tools or type packages in the runtime image.
FROM ${BASE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error

# The libraries' compiled output, shared by every service image (one cached layer).
FROM build AS libs
RUN mkdir -p /out \
  && for lib in libs/*; do [ ! -d "$lib/dist" ] || { mkdir -p "/out/$lib" && cp "$lib/package.json" "/out/$lib/" && cp -r "$lib/dist" "/out/$lib/"; }; done \
  && cp package.json /out/

FROM ${BASE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=libs /out ./
ARG SERVICE
COPY --from=build /app/services/${SERVICE}/package.json ./services/${SERVICE}/package.json
COPY --from=build /app/services/${SERVICE}/dist ./services/${SERVICE}/dist
# One entry for every image: the service's bundle with its code cache (tools/service-bundle), written in
# the build stage by the same Node as this one; node resolves the link, so the bundle finds its files.
RUN ln -s "services/${SERVICE}/dist/bundle/start.js" main.js
ENV ADMINDUK_SERVICE=${SERVICE}
# A numeric non-root user (the official image's `node`), so runAsNonRoot can verify it.
USER 1000:1000
# The services close on SIGTERM themselves (libs/http runService); node runs as PID 1 with no shell.
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
