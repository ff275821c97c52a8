#!/usr/bin/env bash
# Builds one image per service from the one Dockerfile (decision 0024): adminduk/<service>:<tag>.
#   infra/docker-images.sh [service...]    default: every services/<name> with a src/main.ts
# IMAGE_TAG (default dev); BASE_IMAGE (default: the local stand-in of node:20-slim, infra/docker-base.sh);
# BUILD_CONTEXT (default: a snapshot of the repository taken once, below). The shared stages
# (dependencies, compile) build once and are cached by the engine; each service adds only its own
# compiled folder.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

IMAGE_TAG=${IMAGE_TAG:-dev}
BASE_IMAGE=${BASE_IMAGE:-$(bash infra/docker-base.sh)}
# One snapshot of the sources for every image of this run (what .dockerignore lets through): the
# images come from the same sources, and the shared stages are built once even while files change.
# With the live tree as the context, every edit between two images' builds (an editor, another
# session) gave the next image's `COPY . .` a new context and compiled everything again (5-8 min each).
if [ -z "${BUILD_CONTEXT:-}" ]; then
  command -v rsync >/dev/null 2>&1 || apt_install rsync
  mkdir -p "$LOCAL"
  BUILD_CONTEXT=$(mktemp -d "$LOCAL/docker-context.XXXXXX")
  trap 'rm -rf "$BUILD_CONTEXT"' EXIT
  rsync -a --exclude-from=.dockerignore "$ROOT/" "$BUILD_CONTEXT/"
fi

services=("$@")
if [ ${#services[@]} -eq 0 ]; then
  for main in services/*/src/main.ts; do services+=("$(basename "$(dirname "$(dirname "$main")")")"); done
fi

build() { # log-name docker-build-args...
  local name=$1 started=$SECONDS
  shift
  # The classic builder: Debian's engine has no buildx plugin; --network host reaches the npm registry.
  DOCKER_BUILDKIT=0 docker build --quiet --network host -f "$BUILD_CONTEXT/Dockerfile" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    "$@" "$BUILD_CONTEXT" >"$LOCAL/docker-build-$name.log" 2>&1 ||
    { tail -40 "$LOCAL/docker-build-$name.log" >&2; die "image $name failed (.local/docker-build-$name.log)"; }
  log "built adminduk/$name:$IMAGE_TAG in $((SECONDS - started)) s"
}

# The build stage (sources, every dependency, compiled) as uid 1000: the shared layers every service
# image starts from, and the image that runs the KurrentDB contract suite in a cluster (k8s/overlays/dev).
build test-runner --target test-runner -t "adminduk/test-runner:$IMAGE_TAG"
for service in "${services[@]}"; do
  build "$service" --build-arg "SERVICE=$service" -t "adminduk/$service:$IMAGE_TAG"
done
