# The reference provider as a container image, built without any registry: no base image, just
# the root filesystem scripts/build-image.sh assembles (node, its shared libraries, the
# package). Build it with `scripts/build-image.sh provider`; by hand, after that script staged it:
#   DOCKER_BUILDKIT=0 docker build --network host -t qod-conformance-provider:test .
#
# It listens on 127.0.0.1:$PORT (default 9091; meant for host networking: docker run --network
# host -e PORT=8080 ...). QOD_FAULT=name[,name] breaks the named rules (see `qod-conformance
# faults`). Callbacks go to sinks without verifying their TLS certificate (the suite's webhook
# sink is self-signed), so this image is for testing only.
FROM scratch
COPY .tmp/image-rootfs/ /
WORKDIR /app
ENV NODE_ENV=production PORT=9091
USER 65534:65534
CMD ["/usr/local/bin/node", "dist/src/cli/main.js", "serve", "--host", "127.0.0.1", "--insecure-sink-tls"]
