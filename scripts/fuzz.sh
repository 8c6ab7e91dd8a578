#!/usr/bin/env bash
# Fuzzes LifeCircle's parsers with libFuzzer for a bounded time: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#
#   scripts/fuzz.sh                 every target, 60 s each
#   scripts/fuzz.sh 600 csv osm-pbf two targets, 10 minutes each
#   scripts/fuzz.sh 0 condition     replay the corpus and seeds only (no new inputs)
#
# Builds the targets of Fuzzing/ (a package of its own) with the toolchain's libFuzzer and AddressSanitizer into
# .build-fuzz, seeds a corpus per target from GeoData and Docs/examples, runs the targets one after the other
# (one fuzzer process at a time, one job), and prints what each did and found. Not part of the README's test
# command. See Docs/reliability.md, "Fuzzing".
#
# Environment:
#   FUZZ_WORK        work folder: corpora, findings, logs (default: ${TMPDIR:-/tmp}/lifecircle-fuzz, outside the repo)
#   FUZZ_SANITIZERS  -sanitize= list (default: fuzzer,address; "fuzzer" alone runs about twice as fast)
#   FUZZ_RSS_MB      memory limit per process and per allocation, MB (default: 2048)
#   FUZZ_TIMEOUT     seconds one input may take before it is a hang (default: 10)
#   FUZZ_KEEP_GOING  1: run in libFuzzer's fork mode and go on after a crash, hang or OOM (default: stop at the first)
#   FUZZ_NO_BUILD    1: use the targets already in .build-fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

# target name → executable, max_len (bytes), dictionary
declare -A executable=(
  [osm-pbf]=FuzzOSMPBF [osm-xml]=FuzzOSMXML [csv]=FuzzCSV [geojson]=FuzzGeoJSON [manifest]=FuzzManifest
  [rule-pack]=FuzzRulePack [plan-profile]=FuzzPlanProfile [scenario]=FuzzScenario
  [walking-profile]=FuzzWalkingProfile [walknet]=FuzzWalkNetCache [condition]=FuzzCondition
)
declare -A max_len=(
  [osm-pbf]=65536 [osm-xml]=65536 [csv]=32768 [geojson]=65536 [manifest]=32768 [rule-pack]=32768
  [plan-profile]=32768 [scenario]=32768 [walking-profile]=16384 [walknet]=65536 [condition]=65536
)
declare -A dictionary=(
  [osm-xml]=osm-xml [geojson]=geojson [manifest]=yaml [rule-pack]=yaml [plan-profile]=yaml [scenario]=yaml
  [walking-profile]=yaml [condition]=condition
)
all_targets=(osm-pbf osm-xml csv geojson manifest rule-pack plan-profile scenario walking-profile walknet condition)

seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]; targets: ${all_targets[*]}" >&2; exit 64; }
shift || true
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ -n "${executable[$t]:-}" ]] || { echo "fuzz: unknown target '$t'; targets: ${all_targets[*]}" >&2; exit 64; }
done

work=${FUZZ_WORK:-${TMPDIR:-/tmp}/lifecircle-fuzz}
case "$(realpath -m "$work")/" in "$repo"/*) echo "fuzz: FUZZ_WORK must be outside the repository" >&2; exit 64 ;; esac
sanitizers=${FUZZ_SANITIZERS:-fuzzer,address}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout_s=${FUZZ_TIMEOUT:-10}
mkdir -p "$work"/{seeds,corpus,findings,logs,tmp}

# --- build -------------------------------------------------------------------------------------------------
build=(swift build --package-path Fuzzing --build-path "$repo/.build-fuzz"
  -Xswiftc "-sanitize=$sanitizers" -Xswiftc -parse-as-library)
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
  echo "fuzz: building the fuzz targets (-sanitize=$sanitizers) into .build-fuzz" >&2
  "${build[@]}" 2>&1 | grep -v "Cannot export local symbol" >&2
fi
bin=$("${build[@]}" --show-bin-path)

# --- seeds -------------------------------------------------------------------------------------------------
# Small inputs only: libFuzzer truncates a seed longer than -max_len, so large extracts are cut down with osmium.
seed() {  # seed TARGET FILE [PREFIX_BYTE]: copy FILE into the target's seed folder (with a leading byte)
  local dir="$work/seeds/$1" name
  mkdir -p "$dir"
  name=$(basename "$2")
  if [[ -n "${3:-}" ]]; then
    { printf "\\$(printf '%03o' "$3")"; cat "$2"; } >"$dir/$3-$name"
  else
    cp "$2" "$dir/$name"
  fi
}
tiny_osm() {  # tiny_osm SOURCE OUTPUT [osmium output options]: the ~200 m around the extract's centre
  local box cx cy
  box=$(osmium fileinfo -e -g data.bbox "$1" | tr -d '()')
  IFS=, read -r x1 y1 x2 y2 <<<"$box"
  cx=$(echo "($x1 + $x2) / 2" | bc -l)
  cy=$(echo "($y1 + $y2) / 2" | bc -l)
  osmium extract --overwrite -s simple -b "$(printf '%.5f,%.5f,%.5f,%.5f' "$(echo "$cx - 0.0012" | bc -l)" \
    "$(echo "$cy - 0.0009" | bc -l)" "$(echo "$cx + 0.0012" | bc -l)" "$(echo "$cy + 0.0009" | bc -l)")" \
    "$1" -o "$2" "${@:3}" 2>/dev/null
}
make_seeds() {
  local t=$1 tmp="$work/tmp/seeds"
  rm -rf "${work:?}/seeds/$t" "$tmp"
  mkdir -p "$work/seeds/$t" "$tmp"
  case $t in
    osm-pbf | walknet)
      if command -v osmium >/dev/null; then
        for f in GeoData/osm/*.osm.pbf; do
          n=$(basename "$f" .osm.pbf)
          tiny_osm "$f" "$tmp/$n.osm.pbf"
          osmium cat --overwrite "$tmp/$n.osm.pbf" -o "$tmp/$n-sparse-raw.osm.pbf" \
            -f pbf,pbf_dense_nodes=false,pbf_compression=none 2>/dev/null
        done
      else
        echo "fuzz: osmium not found (scripts/setup.sh installs it): no PBF seeds" >&2
      fi
      if [[ $t == osm-pbf ]]; then
        for f in "$tmp"/*.osm.pbf; do [[ -e $f ]] && seed osm-pbf "$f"; done
      else
        "$bin/FuzzWalkNetCache" --make-seeds "$work/seeds/walknet" "$tmp"/*.osm.pbf >&2 \
          || echo "fuzz: walknet seeds were not all made" >&2
      fi ;;
    osm-xml)
      if command -v osmium >/dev/null; then
        tiny_osm GeoData/osm/monaco.osm.gz "$tmp/monaco.osm" -f osm
        gzip -nc "$tmp/monaco.osm" >"$tmp/monaco-small.osm.gz"
        tiny_osm GeoData/osm/andorra.osm.pbf "$tmp/andorra.osm" -f osm
        for f in "$tmp"/*.osm "$tmp"/*.osm.gz; do seed osm-xml "$f"; done
      else
        echo "fuzz: osmium not found (scripts/setup.sh installs it): no OSM XML seeds" >&2
      fi ;;
    csv)
      # The first byte picks encoding (mod 5: auto utf8 gbk utf16le utf16be), CRS (/5 mod 4) and kind (/20):
      # 120 + e is public_toilet in EPSG:4326, 60 + e maternity_room; see Fuzzing/Sources/FuzzCSV.
      seed csv GeoData/samples/helsinki_toilets_gbk.csv 120
      seed csv GeoData/samples/helsinki_toilets_gbk.csv 122
      iconv -f GB18030 -t UTF-8 GeoData/samples/helsinki_toilets_gbk.csv >"$tmp/helsinki_toilets_utf8.csv"
      seed csv "$tmp/helsinki_toilets_utf8.csv" 61
      { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$tmp/helsinki_toilets_utf8.csv"; } >"$tmp/helsinki_utf16le.csv"
      seed csv "$tmp/helsinki_utf16le.csv" 123
      gzip -nc "$tmp/helsinki_toilets_utf8.csv" >"$tmp/helsinki_toilets_utf8.csv.gz"
      seed csv "$tmp/helsinki_toilets_utf8.csv.gz" 120
      seed csv GeoData/china/population_found.csv 125
      head -c 16000 GeoData/population/sao_paulo_hexgrid.csv >"$tmp/sao_paulo_head.csv"
      seed csv "$tmp/sao_paulo_head.csv" 140 ;;
    geojson)
      seed geojson GeoData/samples/monaco_toilets.geojson
      seed geojson GeoData/population/helsinki_grid_2020.geojson.gz
      seed geojson GeoData/population/sao_paulo_hexgrid.geojson.gz ;;
    manifest) seed manifest Docs/examples/family_toilet.yaml ;;
    rule-pack) for f in GeoData/rules/*.yaml; do seed rule-pack "$f"; done ;;
    plan-profile) for f in GeoData/plans/*.yaml; do seed plan-profile "$f"; done ;;
    scenario) for f in Fuzzing/Seeds/scenario/*.yaml; do seed scenario "$f"; done ;;
    walking-profile) for f in GeoData/profiles/*.yaml; do seed walking-profile "$f"; done ;;
    condition)
      # Every condition the shipped rule packs and plans carry (where: and require:), one per file.
      grep -rhoE '(where|require): ("[^"]*"|[a-z_]+)' GeoData/rules GeoData/plans Docs/examples \
        | sed -E 's/^[a-z]+: //; s/^"(.*)"$/\1/' | sort -u | split -l 1 -a 3 - "$work/seeds/condition/rule-"
      for f in "$work/seeds/condition"/rule-*; do printf '%s' "$(cat "$f")" >"$f"; done
      printf '%s' "female_stalls >= 2 * (male_stalls + urinals)" >"$work/seeds/condition/ratio.txt"
      printf '%s' "venue_type in [commercial, transport_hub] and (floor_area_m2 > 10000 or daily_visitors > 10000)" \
        >"$work/seeds/condition/venue.txt"
      printf '%s' "not high_footfall" >"$work/seeds/condition/not.txt" ;;
  esac
  rm -rf "$tmp"
}

# --- run ---------------------------------------------------------------------------------------------------
export SWIFT_BACKTRACE=enable=no  # libFuzzer's handlers, not Swift's backtracer, must see the signal
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1}
export TMPDIR="$work/tmp"         # the targets' scratch input files
export LIFECIRCLE_GEODATA="$repo/GeoData"

summary=()
for t in "${targets[@]}"; do
  make_seeds "$t"
  mkdir -p "$work/corpus/$t" "$work/findings/$t"
  log="$work/logs/$t.log"
  before=$(ls "$work/findings/$t" | sort)
  args=(-max_len="${max_len[$t]}" -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" -timeout="$timeout_s"
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/findings/$t/")
  [[ -n "${dictionary[$t]:-}" ]] && args+=(-dict="$repo/Fuzzing/Dictionaries/${dictionary[$t]}.dict")
  ((seconds == 0)) && args+=(-runs=0)
  if [[ "${FUZZ_KEEP_GOING:-0}" == 1 ]]; then
    args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  echo "fuzz: $t for ${seconds}s → $log" >&2
  start=$(date +%s)
  set +e
  "$bin/${executable[$t]}" "${args[@]}" "$work/corpus/$t" "$work/seeds/$t" >"$log" 2>&1
  status=$?
  set -e
  elapsed=$(($(date +%s) - start))
  execs=$(grep -oE 'stat::number_of_executed_units:[[:space:]]+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  [[ -n "$execs" ]] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  rss=$(grep -oE 'stat::peak_rss_mb:[[:space:]]+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  corpus=$(ls "$work/corpus/$t" | wc -l)
  found=$(comm -13 <(echo "$before") <(ls "$work/findings/$t" | sort) | sed "s|^|$work/findings/$t/|")
  kind=$(grep -m1 -oE 'ERROR: (AddressSanitizer|libFuzzer): [a-z-]+( [a-z-]+)?|SUMMARY: libFuzzer: [a-z -]+|Fatal error: .*' "$log" || true)
  summary+=("$(printf '%-16s %5ss %11s %18s %7s %6sMB  exit %-3s %s' "$t" "$elapsed" "${execs:-?}" "${cov:-cov: ?}" \
    "$corpus" "${rss:-?}" "$status" "${kind:-}")")
  while IFS= read -r f; do [[ -n "$f" ]] && summary+=("    finding: $f"); done <<<"$found"
done

echo
printf '%-16s %6s %11s %18s %7s %8s  %s\n' target time executions coverage corpus peak-rss result
printf '%s\n' "${summary[@]}"
echo "work folder: $work (corpus/, findings/, logs/)"
