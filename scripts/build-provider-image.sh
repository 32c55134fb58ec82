#!/usr/bin/env bash
# The reference provider's image (test/container uses it): scripts/build-image.sh provider [TAG].
exec "$(dirname "$0")/build-image.sh" provider "$@"
