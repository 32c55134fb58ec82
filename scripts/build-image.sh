#!/usr/bin/env bash
# Builds a container image of this package without any registry, from one root filesystem
# assembled in .tmp/image-rootfs: the node binary, the shared libraries `ldd` lists for it (and for
# the dependencies' native addons), and the package (dist/, production node_modules, specs/,
# fixtures/, package.json). Two targets share it:
#   provider  the reference provider (Dockerfile): serve on 127.0.0.1:$PORT, default tag
#             qod-conformance-provider:test (test/container uses it);
#   tool      the conformance tool itself (Dockerfile.tool): ENTRYPOINT the CLI, runs as uid 65534
#             in /work, plus busybox (sh and the core utilities a GitLab or Jenkins job needs, in
#             .tmp/tool-rootfs); default tag qod-conformance:<package version>.
# Then it makes the image the target's Dockerfile (FROM scratch + COPY of those folders) describes:
#   - by default with `docker import` and the Dockerfile's ENV/WORKDIR/USER/CMD/ENTRYPOINT lines (seconds);
#   - with QOD_IMAGE_BUILDER=build through `DOCKER_BUILDKIT=0 docker build --network host -f <Dockerfile> .`
#     (the same image; the classic builder needs about half a minute to hash the 200 MB).
#
#   scripts/build-image.sh provider|tool [TAG]
#
# Needs a Docker engine (DOCKER_HOST) and node_modules (npm ci), and for the tool a busybox binary
# (Debian: busybox-static); runs `npm run build` when dist/ is missing. The image is labelled with a
# fingerprint of its inputs: when the image of that tag already carries it, nothing is done
# (QOD_IMAGE_REBUILD=1 forces a build). The staged dependencies are kept between builds while
# package-lock.json and node stay the same.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
say() { echo "build-image: $*" >&2; }
target=${1:-}
case "$target" in
  provider) dockerfile=Dockerfile tag=${2:-qod-conformance-provider:test} ;;
  tool) dockerfile=Dockerfile.tool tag=${2:-qod-conformance:$(node -p 'require("./package.json").version')} ;;
  *) say "usage: scripts/build-image.sh provider|tool [TAG]"; exit 2 ;;
esac
stage=.tmp/image-rootfs
deps_stamp=.tmp/image-rootfs.deps
tool_stage=.tmp/tool-rootfs
label=org.qod-conformance.inputs

command -v docker >/dev/null || { say "no docker client"; exit 1; }
[ -d node_modules ] || { say "node_modules missing: run npm ci first"; exit 1; }
node_bin=$(readlink -f "$(command -v node)")
busybox_bin=''
if [ "$target" = tool ]; then
  busybox_bin=$(command -v busybox) || { say "the tool image needs busybox (Debian: apt-get install busybox-static)"; exit 1; }
  busybox_bin=$(readlink -f "$busybox_bin")
fi
[ -f dist/src/cli/main.js ] || npm run build --silent

hash() { sha256sum | cut -c1-32; }
deps_fingerprint=$({ sha256sum "$node_bin" package-lock.json "$0"; cat node_modules/.package-lock.json 2>/dev/null; } | hash)
fingerprint=$(
  {
    echo "$target $deps_fingerprint"
    sha256sum "$dockerfile" package.json
    [ -z "$busybox_bin" ] || sha256sum "$busybox_bin"
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
# Shared libraries of the given binaries, the dynamic loader included, at the paths ldd names.
copy_libraries() {
  ldd "$@" 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while IFS= read -r lib; do
    mkdir -p "$stage$(dirname "$lib")"
    cp -L "$lib" "$stage$lib"
  done
}

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
  # node's libraries and those of the dependencies' native addons (e.g. librt for rolldown's).
  mapfile -d '' addons < <(find "$stage/app/node_modules" -name '*.node' -print0)
  copy_libraries "$node_bin" "${addons[@]}"
  echo "$deps_fingerprint" >"$deps_stamp"
fi

# The package itself: compiled code, bundled specs and fixtures (refreshed on every build).
rm -rf "$stage/app/dist" "$stage/app/specs" "$stage/app/fixtures" "$stage/app/src" "$stage/app/package.json"
copy package.json dist specs fixtures "$stage/app/"
mkdir -p "$stage/app/src/config"
cp src/config/config.schema.json "$stage/app/src/config/"

if [ "$target" = tool ]; then
  # What a CI job around the CLI needs: a shell and core utilities (busybox, as links in /bin; a
  # GitLab job runs its script with sh), `qod-conformance` on PATH (its #!/usr/bin/env node line),
  # a user entry for uid 65534, and /work, where the reports go unless a folder is mounted there.
  rm -rf "$tool_stage"
  mkdir -p "$tool_stage/bin" "$tool_stage/usr/bin" "$tool_stage/usr/local/bin" "$tool_stage/etc" "$tool_stage/work"
  chmod 1777 "$tool_stage/work"
  cp "$busybox_bin" "$tool_stage/bin/busybox"
  for applet in $("$busybox_bin" --list); do [ "$applet" = busybox ] || ln -s busybox "$tool_stage/bin/$applet"; done
  ln -s /bin/env "$tool_stage/usr/bin/env"
  ln -s /app/dist/src/cli/main.js "$tool_stage/usr/local/bin/qod-conformance"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\n' >"$tool_stage/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$tool_stage/etc/group"
  if ldd "$busybox_bin" >/dev/null 2>&1; then copy_libraries "$busybox_bin"; fi
fi

previous=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
if [ "${QOD_IMAGE_BUILDER:-import}" = build ]; then
  DOCKER_BUILDKIT=0 docker build --quiet --network host -f "$dockerfile" --label "$label=$fingerprint" -t "$tag" . >/dev/null
else
  changes=(--change "LABEL $label=$fingerprint")
  while IFS= read -r line; do changes+=(--change "$line"); done < <(grep -E '^(ENV|WORKDIR|USER|CMD|ENTRYPOINT|EXPOSE|LABEL) ' "$dockerfile")
  layers=(-C "$repo/$stage" .)
  if [ "$target" = tool ]; then
    # One stream: the tool's entries, without the folders the first part already holds (the
    # engine refuses duplicate paths).
    mapfile -t extra < <(cd "$tool_stage" && find . -mindepth 1 | while IFS= read -r p; do [ -d "$repo/$stage/$p" ] || echo "$p"; done)
    layers+=(-C "$repo/$tool_stage" --no-recursion "${extra[@]}")
  fi
  tar -c "${layers[@]}" | docker import "${changes[@]}" - "$tag" >/dev/null
fi
# The image this one replaces would stay behind untagged (200 MB a build): remove it if unused.
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
say "built $tag"
