# qod-conformance itself as a container image, built without any registry: no base image, just the
# root filesystem scripts/build-image.sh assembles (node, its shared libraries, the package) and,
# for CI jobs that run a shell in it (GitLab's `image:`, a Jenkins docker agent), busybox. Build it
# with `scripts/build-image.sh tool`; by hand, after that script staged both folders:
#   DOCKER_BUILDKIT=0 docker build --network host -f Dockerfile.tool -t qod-conformance:0.1.0 .
#
#   docker run --rm --network host -v "$PWD:/work" qod-conformance:0.1.0 --base-url URL --config operator.json
# runs the CLI in /work as uid 65534: the reports land in the mounted folder (qod-conformance-report/),
# which that user must be able to write (or add --user "$(id -u):$(id -g)").
FROM scratch
COPY .tmp/image-rootfs/ /
COPY .tmp/tool-rootfs/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp
WORKDIR /work
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/node", "/app/dist/src/cli/main.js"]
