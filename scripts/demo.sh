#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the bundled GeoData — `lifecircle demo`,
# which writes everything into ./lifecircle-demo/: a registry of Helsinki's facilities (a GBK CSV with Chinese
# headers, and OpenStreetMap), the walking network, population, coverage, isochrones, a gap map, the national
# standards checked (report.html), the venues that must host a 母婴室, where new playgrounds would serve the
# most residents, and the 2021–2030 plans of Huadu and Lechang checked on their real outlines and 2020 census
# (Huadu also on the GHS-POP 2015 grid of its urban centre).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "demo: building lifecircle (release)…" >&2
swift build -c release --product lifecircle >&2
bin="$(swift build -c release --show-bin-path)/lifecircle"
"$bin" demo -o lifecircle-demo "$@"
