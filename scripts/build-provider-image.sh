#!/usr/bin/env bash
# Builds the reference provider's container image without any registry. It assembles a root
# filesystem in .tmp/provider-rootfs: the node binary, the shared libraries `ldd` lists for it,
# and the package (dist/, production node_modules, specs/, fixtures/, package.json). Then it makes
# the image the Dockerfile (FROM scratch + COPY of that folder) describes:
#   - by default with `docker import` and the Dockerfile's ENV/WORKDIR/USER/CMD lines (seconds);
#   - with QOD_IMAGE_BUILDER=build through `DOCKER_BUILDKIT=0 docker build --network host .`
#     (the same image; the classic builder needs about half a minute to hash the 200 MB).
#
#   scripts/build-provider-image.sh [TAG]      default TAG: qod-conformance-provider:test
#
# Needs a Docker engine (DOCKER_HOST) and node_modules (npm ci); runs `npm run build` when dist/
# is missing. The image is labelled with a fingerprint of its inputs: when the image of that tag
# already carries it, nothing is done (QOD_IMAGE_REBUILD=1 forces a build). The staged
# dependencies are kept between builds while package-lock.json and node stay the same.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tag=${1:-qod-conformance-provider:test}
stage=.tmp/provider-rootfs
deps_stamp=.tmp/provider-rootfs.deps
label=org.qod-conformance.inputs
say() { echo "build-provider-image: $*" >&2; }

command -v docker >/dev/null || { say "no docker client"; exit 1; }
[ -d node_modules ] || { say "node_modules missing: run npm ci first"; exit 1; }
node_bin=$(readlink -f "$(command -v node)")
[ -f dist/src/cli/main.js ] || npm run build --silent

hash() { sha256sum | cut -c1-32; }
deps_fingerprint=$({ sha256sum "$node_bin" package-lock.json "$0"; cat node_modules/.package-lock.json 2>/dev/null; } | hash)
fingerprint=$(
  {
    echo "$deps_fingerprint"
    sha256sum Dockerfile package.json
    find dist specs fixtures src/config/config.schema.json -type f -print0 | sort -z | xargs -0 sha256sum
  } | hash
)
if [ "${QOD_IMAGE_REBUILD:-}" != 1 ] &&
  [ "$(docker image inspect --format "{{ index .Config.Labels \"$label\" }}" "$tag" 2>/dev/null || true)" = "$fingerprint" ]; then
  say "$tag is up to date"
  exit 0
fi

# Hard links where possible: the staging folder is on the same disk and nothing writes to it.
copy() { cp -al "$@" 2>/dev/null || cp -a "$@"; }

if [ "$(cat "$deps_stamp" 2>/dev/null || true)" != "$deps_fingerprint" ] || [ ! -x "$stage/usr/local/bin/node" ]; then
  rm -rf "$stage" "$deps_stamp"
  mkdir -p "$stage/usr/local/bin" "$stage/app" "$stage/tmp"
  chmod 1777 "$stage/tmp"
  cp "$node_bin" "$stage/usr/local/bin/node"
  # The production dependencies only: the outermost folders `npm ls --omit=dev` lists (nested
  # ones come with their parent).
  npm ls --omit=dev --all --parseable 2>/dev/null | sed -n "s|^$repo/||p" | grep '^node_modules/' | sort -u |
    awk '{ for (i = 1; i <= n; i++) if (index($0, kept[i] "/") == 1) next; kept[++n] = $0; print }' >"$deps_stamp.list"
  xargs -d '\n' cp -al --parents -t "$stage/app" <"$deps_stamp.list" 2>/dev/null ||
    xargs -d '\n' cp -a --parents -t "$stage/app" <"$deps_stamp.list"
  rm "$deps_stamp.list"
  [ -f "$stage/app/node_modules/vitest/package.json" ] || { say "production dependencies missing (npm ci first)"; exit 1; }
  # The shared libraries of node and of the dependencies' native addons (e.g. librt for
  # rolldown's), the dynamic loader included, at the paths ldd names.
  find "$stage/app/node_modules" -name '*.node' -print0 | xargs -0 -r ldd "$node_bin" 2>/dev/null |
    grep -o '/[^ ]*\.so[^ ]*' | sort -u | while IFS= read -r lib; do
      mkdir -p "$stage$(dirname "$lib")"
      cp -L "$lib" "$stage$lib"
    done
  echo "$deps_fingerprint" >"$deps_stamp"
fi

# The package itself: compiled code, bundled specs and fixtures (refreshed on every build).
rm -rf "$stage/app/dist" "$stage/app/specs" "$stage/app/fixtures" "$stage/app/src" "$stage/app/package.json"
copy package.json dist specs fixtures "$stage/app/"
mkdir -p "$stage/app/src/config"
cp src/config/config.schema.json "$stage/app/src/config/"

previous=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
if [ "${QOD_IMAGE_BUILDER:-import}" = build ]; then
  DOCKER_BUILDKIT=0 docker build --quiet --network host --label "$label=$fingerprint" -t "$tag" . >/dev/null
else
  changes=(--change "LABEL $label=$fingerprint")
  while IFS= read -r line; do changes+=(--change "$line"); done < <(grep -E '^(ENV|WORKDIR|USER|CMD|ENTRYPOINT|EXPOSE|LABEL) ' Dockerfile)
  tar -C "$stage" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
fi
# The image this one replaces would stay behind untagged (200 MB a build): remove it if unused.
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
say "built $tag"
