#!/usr/bin/env bash
# The README's second command: set up, build, and run every test (unit and end-to-end CLI tests on GeoData).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
