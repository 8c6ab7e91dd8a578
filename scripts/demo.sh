#!/usr/bin/env bash
# The README's first command: set up, build, and run the main job on the bundled GeoData, writing
# everything into ./lifecircle-demo/: the registry (create it, import real facility lists — a CSV in GBK with
# Chinese headers and GeoJSON —, list, nearest, close, history, export), then the walking analyses on
# Helsinki (network from OSM, population grid, coverage, isochrones, gap map).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "demo: building lifecircle (release)…" >&2
swift build -c release --product lifecircle >&2
bin="$(swift build -c release --show-bin-path)/lifecircle"

out=lifecircle-demo
rm -rf "$out" && mkdir -p "$out"
reg="$out/registry.gpkg"
samples=GeoData/samples
step() { printf '\n== %s\n$ lifecircle %s\n' "$1" "${*:2}"; "$bin" "${@:2}"; }

step "Plugins: the bundled Swift plugins and a YAML manifest (Docs/examples)" plugins list --plugins Docs/examples
step "Create the registry" init --registry "$reg"
step "Import Helsinki's public toilets (OSM, a CSV saved by Excel in GBK)" \
  import public_toilet "$samples/helsinki_toilets_gbk.csv" --crs EPSG:4326 --registry "$reg"
step "Import Monaco's public toilets (OSM, GeoJSON)" \
  import public_toilet "$samples/monaco_toilets.geojson" --registry "$reg"
step "List the toilets in central Helsinki" \
  list public_toilet --bbox 24.935,60.160,24.955,60.175 --registry "$reg"
step "The three toilets nearest to Helsinki Central Station" \
  nearest public_toilet --at 24.9414,60.1710 -k 3 --registry "$reg"
step "Record that one closed, and read the registry as of a date before and after" \
  close public_toilet node/251337995 --on 2024-01-01 --actor demo --registry "$reg"
"$bin" list public_toilet --bbox 24.9,60.1,25.0,60.2 --as-of 2023-12-31 --registry "$reg" >/dev/null
"$bin" list public_toilet --bbox 24.9,60.1,25.0,60.2 --as-of 2024-01-01 --registry "$reg" >/dev/null
step "The audit trail's last entries" history public_toilet --id node/251337995 --registry "$reg"
step "Export for QGIS (GeoPackage), the web (GeoJSON) and Excel (CSV, in UTM zone 35N)" \
  export public_toilet --format gpkg -o "$out/toilets.gpkg" --registry "$reg"
"$bin" export public_toilet --format geojson -o "$out/toilets.geojson" --registry "$reg"
"$bin" export public_toilet --format csv -o "$out/toilets_utm35.csv" --crs EPSG:32635 --registry "$reg"

step "Build Helsinki's walking network from OpenStreetMap" \
  network build --osm GeoData/osm/helsinki.osm.pbf --registry "$reg"
step "Import where Helsinki's residents live (HSY 250 m grid, spread on a 100 m grid)" \
  demand import GeoData/population/helsinki_grid_2020.gpkg --population population --id id --polygons grid --cell 100 \
  --registry "$reg"
step "Who can walk to a public toilet within 300/500/1000 m" \
  coverage --kinds public_toilet --distances-csv "$out/distances.csv" --registry "$reg"
step "Walking isochrones of the toilets" isochrones --kinds public_toilet --registry "$reg"
step "Gap map: 100 m cells more than 500 m from a toilet" gaps --kinds public_toilet --threshold 500 --registry "$reg"

echo
echo "Done. Every file is in $out/: open registry.gpkg, registry.network.gpkg, registry.coverage.gpkg,"
echo "registry.isochrones.gpkg and registry.gaps.gpkg in QGIS."
