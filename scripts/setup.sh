#!/usr/bin/env bash
# Installs what LifeCircle needs on a fresh Debian machine with Swift: the C libraries (PROJ, GEOS, GDAL,
# SQLite, zlib), PROJ's database, and the independent references the tests use: GDAL's command-line
# tools, osmium, NetworkX, chromium and a CJK font (the HTML report in a headless browser) and jsonschema (the JSON
# report against its schema), curl and openapi-spec-validator (the server's API). Installs only what is missing; safe to run again.
set -euo pipefail

packages=(pkg-config libproj-dev proj-data proj-bin libgeos-dev libgdal-dev libsqlite3-dev zlib1g-dev gdal-bin osmium-tool chromium fonts-noto-cjk curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# NetworkX is the independent shortest-path reference the tests compare against.
python3 -c "import networkx" 2>/dev/null || python3 -m pip install --quiet networkx >&2
# pyrosm (its own PBF reader and walking network) is the oracle of the every-part coverage test on Andorra.
python3 -c "import pyrosm" 2>/dev/null || python3 -m pip install --quiet pyrosm >&2
# jsonschema checks report.json against Docs/schemas/check-report.schema.json (draft 2020-12).
python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema >&2
# openapi-spec-validator checks the server's /api/openapi.json as OpenAPI 3.0; curl is the server tests' HTTP client.
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install --quiet openapi-spec-validator >&2

command -v swift >/dev/null || { echo "setup: Swift 6 is required (swift not on PATH)" >&2; exit 1; }
pkg-config --exists proj || { echo "setup: PROJ's pkg-config file is missing after install" >&2; exit 1; }
echo "setup: ready (PROJ $(pkg-config --modversion proj), GEOS $(geos-config --version 2>/dev/null || echo '?'), $(swift --version 2>&1 | head -1))" >&2
