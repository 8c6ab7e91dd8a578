#!/usr/bin/env python3
"""The established tools on the same inputs as lifecircle-bench, for Docs/performance.md.

Run `swift run -c release lifecircle-bench` first: it measures LifeCircle and exports, per network, the graph
(nodes with metric x/y, edges with lengths), the facility nodes, the demand nodes and its own node-to-node
distances to `.build/lifecircle-bench/cases/<network>/`, with `lifecircle.json` beside them. Then:

    python3 Benchmarks/compare.py [--runs N] [--budget S] [--only NAMES] [--export DIR] [--no-render]

measures, on exactly those inputs:

- building a network from the same OSM extracts: pyrosm (`OSM(path).get_network(network_type="walking")`, and
  with `nodes=True` + `to_graph` for a routable graph) and OSMnx (`graph_from_xml`, which needs XML: the PBF
  files are converted once with `osmium cat`, not timed);
- the nearest-facility job (3 kinds, k = 1, and one kind with k = 3) with pandana (`Network`, `set_pois`,
  `nearest_pois`) and NetworkX (`multi_source_dijkstra_path_length`), node to node, within the same bound as
  ours, checking their distances against ours.

Each tool runs in a fresh Python process per network so that its peak memory (ru_maxrss) is its own. Every
step runs `--runs` times (default: as many as lifecircle-bench did), but stops repeating once it has used
`--budget` seconds (at least one run); a tool is skipped on a network when its time there, extrapolated from
the next smaller grid, would exceed `--max-estimate` seconds. Results go to `reference.json` beside
`lifecircle.json`; then `lifecircle-bench --render` folds them into Docs/performance.md as ratio columns.
"""
import argparse
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ["pandana", "networkx", "scipy", "osmnx", "pyrosm"]
# The province-sized SYNTHETIC PBFs that lifecircle-bench also builds through the CLI: shared/bench beside the
# checkout (or beside the folder of work trees).
BENCH_PBF_NAMES = ["synth_100k.osm.pbf", "synth_1m.osm.pbf"]


def bench_pbf_folder():
    for folder in (ROOT.parent / "shared" / "bench", ROOT.parent.parent / "shared" / "bench"):
        if folder.is_dir():
            return folder
    return None


def log(text):
    print(text, file=sys.stderr, flush=True)


def resident_bytes():
    """The resident set of this process now (/proc/self/statm), bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def repeat(fn, runs, budget, label):
    """Runs fn up to `runs` times, stopping once `budget` seconds are used (at least once). Returns the times
    and the last result."""
    times, result = [], None
    while len(times) < runs and (not times or sum(times) < budget):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        log(f"  {label} {len(times)}/{runs}: {times[-1]:.3f} s")
    return times, result


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return None
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


# MARK: jobs (each in a process of its own)


def job_pyrosm(p):
    """Every OSM file in one process (the imports take seconds; they are not timed)."""
    from pyrosm import OSM

    results = {}
    for f in p["files"]:
        path = f["path"]
        log(f"[{f['case']}] pyrosm on {f['input']}")
        seconds, _ = repeat(
            lambda: OSM(path).get_network(network_type="walking"), p["runs"], p["budget"], "pyrosm get_network")

        def graph():
            osm = OSM(path)
            nodes, edges = osm.get_network(network_type="walking", nodes=True)
            return nodes, edges, osm.to_graph(nodes, edges, graph_type="networkx", retain_all=True)

        graph_seconds, (nodes, edges, _) = repeat(
            graph, p["runs"], p["budget"], "pyrosm get_network(nodes=True) + to_graph")
        results[f["case"]] = {
            "seconds": seconds, "graphSeconds": graph_seconds, "nodes": len(nodes), "edges": len(edges),
            "input": f["input"],
        }
    return results


def job_osmnx(p):
    """Every OSM file in one process (the imports take seconds; they are not timed)."""
    import osmnx as ox

    results = {}
    for f in p["files"]:
        path = f["path"]
        log(f"[{f['case']}] OSMnx on {f['input']}")
        seconds, graph = repeat(
            lambda: ox.graph_from_xml(path, bidirectional=True, simplify=True, retain_all=True),
            p["runs"], p["budget"], "OSMnx graph_from_xml")
        undirected = ox.convert.to_undirected(graph)
        results[f["case"]] = {
            "seconds": seconds, "nodes": len(undirected), "edges": undirected.number_of_edges(), "input": f["input"],
        }
    return results


def load_case(folder):
    """The exported job: nodes, edges, facilities per kind, demand nodes, our distances, meta."""
    import pandas as pd

    folder = Path(folder)
    meta = json.loads((folder / "meta.json").read_text())
    nodes = pd.read_csv(folder / "nodes.csv", index_col="node")
    edges = pd.read_csv(folder / "edges.csv")
    facilities = pd.read_csv(folder / "facilities.csv")
    ours = pd.read_csv(folder / "lifecircle_distances.csv")
    kinds = {kind: facilities.loc[facilities.kind == kind, "node"].to_numpy() for kind in meta["kinds"]}
    return meta, nodes, edges, kinds, ours


def check(ours, column, theirs, bound):
    """Largest |difference| from our distances (where we found one), and how many differ by over 1 m (a
    different answer, not rounding) or were missed."""
    import numpy as np

    mine = ours[column].to_numpy(dtype=float)
    have = ~np.isnan(mine)
    theirs = np.asarray(theirs, dtype=float)[have]
    mine = mine[have]
    found = theirs < bound
    diff = np.where(found, np.abs(theirs - mine), np.inf)
    return (float(diff.max()) if len(diff) else 0.0), int((diff > 1.0).sum()), int(have.sum())


def job_pandana(p):
    import numpy as np
    import pandana

    meta, nodes, edges, kinds, ours = load_case(p["folder"])
    base = resident_bytes()
    bound, k = float(meta["bound_m"]), int(meta["k"])
    demand = ours["node"].to_numpy()

    def network():
        return pandana.Network(
            nodes["x"], nodes["y"], edges["source"], edges["target"], edges[["length_m"]], twoway=True)

    network_seconds, net = repeat(network, p["runs"], p["budget"], "pandana Network()")

    def nearest():
        found = {}
        for kind, where in kinds.items():
            net.set_pois(kind, bound, 1, nodes.loc[where, "x"], nodes.loc[where, "y"])
            found[kind] = net.nearest_pois(bound, kind, num_pois=1)
        return found

    nearest_seconds, found = repeat(nearest, p["runs"], p["budget"], "pandana set_pois + nearest_pois, 3 kinds")
    k_kind, k_column = meta["k_kind"], meta["k_column"]

    def k_nearest():
        where = kinds[k_kind]
        net.set_pois(k_column, bound, k, nodes.loc[where, "x"], nodes.loc[where, "y"])
        return net.nearest_pois(bound, k_column, num_pois=k)

    k_seconds, found_k = repeat(k_nearest, p["runs"], p["budget"], f"pandana set_pois + nearest_pois, k = {k}")

    worst, mismatches, compared = 0.0, 0, 0
    for kind in kinds:
        d, m, c = check(ours, kind, found[kind][1].reindex(demand).to_numpy(), bound)
        worst, mismatches, compared = max(worst, d), mismatches + m, compared + c
    d, m, c = check(ours, k_column, found_k[k].reindex(demand).to_numpy(), bound)
    worst, mismatches, compared = max(worst, d), mismatches + m, compared + c

    result = {
        "networkSeconds": network_seconds, "nearestSeconds": nearest_seconds, "kNearestSeconds": k_seconds,
        "maxAbsDifferenceMetres": worst, "mismatches": mismatches, "comparedValues": compared,
        "baselineResidentBytes": base,
    }
    if p.get("precompute"):
        distance = 1000.0
        seconds, _ = repeat(lambda: net.precompute(distance), 1, 0, f"pandana precompute({distance:.0f})")
        result.update(precomputeSeconds=seconds, precomputeDistance=distance)
    return result


def job_networkx(p):
    import networkx as nx
    import numpy as np

    meta, nodes, edges, kinds, ours = load_case(p["folder"])
    base = resident_bytes()
    bound = float(meta["bound_m"])
    triples = list(zip(edges["source"].tolist(), edges["target"].tolist(), edges["length_m"].tolist()))
    del edges, nodes

    def graph():
        g = nx.Graph()
        for u, v, w in triples:
            # Parallel edges: keep the shortest, as a walker would.
            if g.has_edge(u, v):
                w = min(w, g[u][v]["weight"])
            g.add_edge(u, v, weight=w)
        return g

    graph_seconds, g = repeat(graph, p["runs"], p["budget"], "NetworkX graph")
    del triples

    def nearest():
        return {
            kind: nx.multi_source_dijkstra_path_length(g, [int(n) for n in where], cutoff=bound, weight="weight")
            for kind, where in kinds.items()
        }

    nearest_seconds, found = repeat(nearest, p["runs"], p["budget"], "NetworkX multi-source Dijkstra, 3 kinds")
    demand = ours["node"].tolist()
    worst, mismatches, compared = 0.0, 0, 0
    for kind, dist in found.items():
        d, m, c = check(ours, kind, np.array([dist.get(n, np.inf) for n in demand]), bound)
        worst, mismatches, compared = max(worst, d), mismatches + m, compared + c
    return {
        "graphSeconds": graph_seconds, "nearestSeconds": nearest_seconds, "maxAbsDifferenceMetres": worst,
        "mismatches": mismatches, "comparedValues": compared, "baselineResidentBytes": base,
    }


def job_scipy(p):
    """The compiled baseline: scipy.sparse.csgraph.dijkstra from every facility of a kind at once
    (min_only=True: each node's distance to its nearest source), on a CSR matrix of the same edges."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    meta, nodes, edges, kinds, ours = load_case(p["folder"])
    base = resident_bytes()
    bound = float(meta["bound_m"])
    n = int(nodes.index.max()) + 1
    u, v, w = edges["source"].to_numpy(), edges["target"].to_numpy(), edges["length_m"].to_numpy(dtype=float)
    del edges

    def graph():
        # Both directions; parallel edges keep the shortest (sum_duplicates would add them: take the minimum).
        rows, cols, weights = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
        order = np.lexsort((weights, cols, rows))
        rows, cols, weights = rows[order], cols[order], weights[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        # Zero-length edges would vanish from a sparse matrix: the smallest positive length keeps them.
        weights = np.maximum(weights[first], 1e-9)
        return coo_matrix((weights, (rows[first], cols[first])), shape=(n, n)).tocsr()

    graph_seconds, matrix = repeat(graph, p["runs"], p["budget"], "scipy CSR matrix")

    def nearest(limit):
        return {kind: dijkstra(matrix, directed=False, indices=where, min_only=True, limit=limit)
                for kind, where in kinds.items()}

    nearest_seconds, found = repeat(lambda: nearest(bound), p["runs"], p["budget"],
                                    "scipy dijkstra(min_only=True), 3 kinds")
    unbounded_seconds, _ = repeat(lambda: nearest(np.inf), p["runs"], p["budget"],
                                  "scipy dijkstra(min_only=True), 3 kinds, unbounded")
    demand = ours["node"].to_numpy()
    worst, mismatches, compared = 0.0, 0, 0
    for kind, dist in found.items():
        d, m, c = check(ours, kind, dist[demand], bound)
        worst, mismatches, compared = max(worst, d), mismatches + m, compared + c
    return {
        "graphSeconds": graph_seconds, "nearestSeconds": nearest_seconds, "unboundedSeconds": unbounded_seconds,
        "maxAbsDifferenceMetres": worst, "mismatches": mismatches, "comparedValues": compared,
        "baselineResidentBytes": base,
    }


def job_bench_pbf(p):
    """The bench PBFs (synthetic, province-sized): pyrosm's walking network as a user calls it, and osmium
    (pyosmium) reading every node and way with locations, the floor of any PBF reader in Python."""
    import osmium
    from pyrosm import OSM

    class Count(osmium.SimpleHandler):
        def __init__(self):
            super().__init__()
            self.nodes = self.ways = 0

        def node(self, n):
            self.nodes += 1

        def way(self, w):
            self.ways += 1

    results = {}
    for path in p["files"]:
        name = Path(path).name
        log(f"[{name}] pyrosm and osmium")
        seconds, edges = repeat(lambda: OSM(path).get_network(network_type="walking"), p["runs"], p["budget"],
                                "pyrosm get_network")

        def graph():
            osm = OSM(path)
            nodes, edges = osm.get_network(network_type="walking", nodes=True)
            return osm.to_graph(nodes, edges, graph_type="networkx", retain_all=True)

        graph_seconds, _ = repeat(graph, p["runs"], p["budget"], "pyrosm get_network(nodes=True) + to_graph")

        def read():
            handler = Count()
            handler.apply_file(path, locations=True)
            return handler

        osmium_seconds, handler = repeat(read, p["runs"], p["budget"], "osmium apply_file(locations=True)")
        results[name] = {
            "pyrosmSeconds": seconds, "pyrosmGraphSeconds": graph_seconds, "osmiumSeconds": osmium_seconds,
            "edges": len(edges), "nodes": handler.nodes, "ways": handler.ways,
        }
    return results


JOBS = {"pyrosm": job_pyrosm, "osmnx": job_osmnx, "pandana": job_pandana, "networkx": job_networkx,
        "scipy": job_scipy, "bench_pbf": job_bench_pbf}


def run_child(job, params):
    """Runs a job in a fresh Python process; returns its result with its peak resident set."""
    with tempfile.TemporaryDirectory() as tmp:
        pfile, rfile = Path(tmp) / "params.json", Path(tmp) / "result.json"
        pfile.write_text(json.dumps(params))
        # The tools print progress of their own on stdout: send it to stderr with ours.
        child = subprocess.Popen(
            [sys.executable, __file__, "--job", job, "--params", str(pfile), "--result", str(rfile)],
            stdout=sys.stderr, stderr=sys.stderr)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0 or not rfile.exists():
            return {"skipped": f"failed (exit status {child.returncode}, see the log)"}
        result = json.loads(rfile.read_text())
        if job in ("pandana", "networkx", "scipy", "bench_pbf"):
            result["peakResidentBytes"] = usage.ru_maxrss * 1024
        return result


# MARK: OSM inputs


def dangling_refs_removed(xml_in, xml_out):
    """Writes xml_in without `<nd ref>`s to nodes the file lacks (OSMnx refuses ways with missing nodes; our
    reader cuts them there). Returns how many were removed. Works on osmium's one-tag-per-line XML."""
    node_re, nd_re = re.compile(r'<node id="(-?\d+)"'), re.compile(r'<nd ref="(-?\d+)"')
    opener = __import__("gzip").open if str(xml_in).endswith(".gz") else open
    with opener(xml_in, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    ids = {m.group(1) for line in lines if (m := node_re.search(line))}
    removed = 0
    with open(xml_out, "w", encoding="utf-8") as f:
        for line in lines:
            m = nd_re.search(line)
            if m and m.group(1) not in ids:
                removed += 1
                continue
            f.write(line)
    return removed


def prepare_osm(source, folder):
    """The inputs of pyrosm (PBF) and OSMnx (XML) for one GeoData file: (pbf, pbf_note, xml, xml_note)."""
    source = Path(source)
    folder.mkdir(parents=True, exist_ok=True)
    osmium = shutil.which("osmium")
    is_pbf = source.name.endswith(".pbf")
    stem = source.name.split(".")[0]
    if is_pbf:
        pbf, pbf_note = source, source.name
    elif osmium:
        pbf = folder / f"{stem}.osm.pbf"
        if not pbf.exists():
            subprocess.run([osmium, "cat", str(source), "-o", str(pbf), "-O"], check=True)
        pbf_note = f"{source.name} converted to PBF with osmium cat"
    else:
        pbf, pbf_note = None, "osmium is missing (apt-get install osmium-tool) to convert the XML to PBF"
    if is_pbf and not osmium:
        return pbf, pbf_note, None, "osmium is missing (apt-get install osmium-tool) to convert the PBF to XML"
    xml = source
    xml_note = source.name
    if is_pbf:
        xml = folder / f"{stem}.osm"
        if not xml.exists():
            subprocess.run([osmium, "cat", str(source), "-o", str(xml), "-O"], check=True)
        xml_note = f"{source.name} converted to XML with osmium cat"
    cleaned = folder / f"{stem}.complete.osm"
    removed = dangling_refs_removed(xml, cleaned)
    if removed:
        xml = cleaned
        xml_note += f"; {removed} references to nodes missing from the extract removed (OSMnx refuses them)"
    else:
        cleaned.unlink()
    return pbf, pbf_note, xml, xml_note


# MARK: main


def isochrones_at_scale(export, output, runs_wanted):
    """`--isochrones`: shapely 2's `buffer(25)` + `union_all` on the reachable street portions that
    `lifecircle-bench --isochrones` exported, beside our raster isochrones of the same sources; writes the
    `## Isochrones at scale` section of the report (replacing it if there is one)."""
    import numpy as np
    import shapely
    ours = json.loads((export / "isochrones.json").read_text())
    rows = []
    for case in ours["cases"]:
        for t in case["thresholds"]:
            stem = export / "isochrones" / t["export"]
            xy = np.fromfile(f"{stem}.xy.f64", dtype="<f8").reshape(-1, 2)
            offsets = np.fromfile(f"{stem}.offsets.i64", dtype="<i8")
            index = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
            lines = shapely.linestrings(xy, indices=index)
            times, area = [], None
            for _ in range(runs_wanted):
                start = time.perf_counter()
                area = shapely.union_all(shapely.buffer(lines, 25.0))
                times.append(time.perf_counter() - start)
                log(f"[{case['name']}] shapely buffer+union_all within {t['metres']:.0f} m: {times[-1]:.2f} s")
                if sum(times) > 120:
                    break
            rows.append((case, t, median(times), area.area, bool(shapely.is_valid(area))))
    lines_out = [
        "## Isochrones at scale",
        "",
        f"Measured {ours['date']} on {ours['cores']} cores (load {ours['load']}), median of {ours['runs']} runs for ours. "
        "District-wide isochrones of kind_a's facilities (the benchmark workload) at each coverage threshold. "
        f"_Ours_: `Isochrones.area(from:within:)` with the default raster method: the distance to the reachable "
        f"streets on a {ours['resolution']:g} m lattice, marching squares at 25 m, Douglas–Peucker at "
        f"{ours['resolution'] / 10:g} m and the projection to EPSG:4326 — search included (_valid_: GEOS `isValid` "
        "of the result, checked apart). _shapely_: `shapely.union_all(shapely.buffer(lines, 25))` (quad_segs 8) on exactly our reachable "
        "portions, exported by `lifecircle-bench --isochrones` (search not included). _GEOS tiled_: the method "
        "`isochrones` used before (`Isochrones.Method.exact(tiling: .automatic)`), one run.",
        "",
        "| network | within | reachable portions (vertices) | ours | valid | shapely buffer+union_all | shapely / ours | area ours / shapely | GEOS tiled (before) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    totals = {}
    for case, t, shapely_seconds, shapely_area, valid in rows:
        mine = median(t["seconds"])
        totals.setdefault(case["label"], [0.0, 0.0])
        totals[case["label"]][0] += mine
        totals[case["label"]][1] += shapely_seconds
        before = f"{t['exactTiledSeconds']:.2f} s" if t.get("exactTiledSeconds") else "–"
        lines_out.append(
            f"| {case['label']} | {t['metres']:.0f} m | {t['lines']} ({t['vertices']}) | **{mine:.2f} s** | "
            f"{'yes' if t['valid'] else 'NO'} | {shapely_seconds:.2f} s | {shapely_seconds / mine:.1f}× | "
            f"{t['areaSquareMetres'] / shapely_area:.4f} | {before} |")
    lines_out += ["", "Three thresholds together: " + "; ".join(
        f"{label} ours {a:.2f} s, shapely {b:.2f} s ({b / a:.1f}×)" for label, (a, b) in totals.items()) + ".", ""]
    section = "\n".join(lines_out) + "\n"
    (export / "isochrones.md").write_text(section)
    text = output.read_text() if output.exists() else ""
    if "## Isochrones at scale" in text:
        head, rest = text.split("## Isochrones at scale", 1)
        tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
        text = head + section + tail.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    output.write_text(text)
    log(f"wrote the isochrones section of {output}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", type=Path, default=ROOT / ".build" / "lifecircle-bench",
                        help="lifecircle-bench's export folder (default: .build/lifecircle-bench)")
    parser.add_argument("--runs", type=int, help="runs per step (default: as many as lifecircle-bench made)")
    parser.add_argument("--budget", type=float, default=30.0,
                        help="stop repeating a step once it has used this many seconds (default 30)")
    parser.add_argument("--max-estimate", type=float, default=240.0,
                        help="skip a tool on a grid when its extrapolated time there exceeds this (default 240 s)")
    parser.add_argument("--only", help="only these networks (comma-separated)")
    parser.add_argument("--bench-pbfs", type=Path, default=bench_pbf_folder(),
                        help="the folder of synth_100k.osm.pbf and synth_1m.osm.pbf (default: shared/bench)")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"which tools (default: {','.join(TOOLS)})")
    parser.add_argument("--output", type=Path, help="the report (default: where lifecircle-bench wrote it)")
    parser.add_argument("--no-render", action="store_true", help="do not rewrite the report")
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--isochrones", action="store_true",
                        help="only shapely against `lifecircle-bench --isochrones`; writes that section of the report")
    args = parser.parse_args()

    if args.isochrones:
        isochrones_at_scale(args.export, args.output or ROOT / "Docs" / "performance.md", args.runs or 1)
        return

    if args.job:
        result = JOBS[args.job](json.loads(Path(args.params).read_text()))
        Path(args.result).write_text(json.dumps(result))
        return

    started = time.perf_counter()
    bench_path = args.export / "lifecircle.json"
    if not bench_path.exists():
        sys.exit(f"compare.py: {bench_path} is missing; run `swift run -c release lifecircle-bench` first")
    bench = json.loads(bench_path.read_text())
    runs = args.runs or bench["runs"]
    tools = set(args.tools.split(","))
    only = set(args.only.split(",")) if args.only else None
    osm_folder = args.export / "osm"
    log(f"compare.py: run {bench['runID']}, {runs} runs per step, budget {args.budget:.0f} s per step")

    entries = [e for e in bench["cases"] if not only or e["benchCase"]["name"] in only]
    cases = {e["benchCase"]["name"]: {} for e in entries}

    # Building from the OSM files: one process per tool for all files.
    files = {"pyrosm": [], "osmnx": []}
    for entry in entries:
        name = entry["benchCase"]["name"]
        if not entry.get("sourcePath"):
            continue
        pbf, pbf_note, xml, xml_note = prepare_osm(entry["sourcePath"], osm_folder)
        for tool, path, note in (("pyrosm", pbf, pbf_note), ("osmnx", xml, xml_note)):
            if tool not in tools:
                continue
            if path:
                files[tool].append({"case": name, "path": str(path), "input": note})
            else:
                cases[name][tool] = {"skipped": note}
    for tool, todo in files.items():
        if todo:
            found = run_child(tool, {"files": todo, "runs": runs, "budget": args.budget})
            for f in todo:
                cases[f["case"]][tool] = found.get(f["case"], {"skipped": found.get("skipped", "failed")})

    # The province-sized PBFs: pyrosm and osmium, in one process.
    bench_pbf = {}
    if "pyrosm" in tools and args.bench_pbfs:
        present = [str(args.bench_pbfs / name) for name in BENCH_PBF_NAMES if (args.bench_pbfs / name).exists()]
        if present:
            bench_pbf = run_child("bench_pbf", {"files": present, "runs": runs, "budget": args.budget})

    # The nearest-facility job on the exported graphs: one process per tool and network.
    # (nodes, seconds of one round) on the grids each tool ran on, to decide whether the next one is worth it.
    grid_history = {}
    for entry in entries:
        bc = entry["benchCase"]
        name = bc["name"]
        result = cases[name]
        nodes = entry["build"]["nodes"]
        folder = entry.get("exportFolder")
        log(f"[{name}] {bc['label']}, {nodes} nodes")
        is_grid = "grid" in bc["source"]
        for tool in ("pandana", "networkx", "scipy"):
            if tool not in tools:
                continue
            if not folder or not (Path(folder) / "meta.json").exists():
                result[tool] = {"skipped": "no exported inputs (run lifecircle-bench with its export)"}
                continue
            meta = json.loads((Path(folder) / "meta.json").read_text())
            if meta.get("run_id") != bench["runID"]:
                result[tool] = {"skipped": "the exported inputs are from another run"}
                continue
            history = grid_history.get(tool, [])
            if is_grid and history:
                previous_nodes, previous_seconds = history[-1]
                estimate = previous_seconds * nodes / previous_nodes
                if estimate > args.max_estimate:
                    what = "`Network()` and one round of queries" if tool == "pandana" else "the graph and one round of Dijkstra"
                    text = (f"{what} took {previous_seconds:.0f} s on the {previous_nodes:,}-node grid, so at least "
                            f"{estimate / 60:.0f} min are expected on {nodes:,} nodes by linear extrapolation")
                    if len(history) > 1:
                        (n0, t0), (n1, t1) = history[-2], history[-1]
                        growth = math.log(t1 / t0) / math.log(n1 / n0)
                        grown = t1 * (nodes / n1) ** growth
                        text += (f", and about {grown / 60:.0f} min at the growth seen from {n0:,} to {n1:,} nodes "
                                 f"(time ∝ nodes^{growth:.2f})")
                    result[tool] = {"skipped": text}
                    log(f"  {tool}: skipped: {text}")
                    continue
            params = {"folder": folder, "runs": runs, "budget": args.budget, "precompute": nodes <= 50_000}
            result[tool] = run_child(tool, params)
            r = result[tool]
            if is_grid and "skipped" not in r:
                first = (r["networkSeconds"][0] + r["nearestSeconds"][0]) if tool == "pandana" else (
                    r["graphSeconds"][0] + r["nearestSeconds"][0])
                grid_history.setdefault(tool, []).append((nodes, first))

    versions = {}
    for tool, dist in (("pandana", "pandana"), ("NetworkX", "networkx"), ("SciPy", "scipy"), ("OSMnx", "osmnx"),
                       ("pyrosm", "pyrosm"), ("pyosmium", "osmium")):
        try:
            versions[tool] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[tool] = "not installed"
    osmium = shutil.which("osmium")
    if osmium:
        versions["osmium"] = subprocess.run([osmium, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    reference = {
        "runID": bench["runID"], "runs": runs, "budgetSeconds": args.budget, "versions": versions,
        "python": f"Python {platform.python_version()}", "totalSeconds": time.perf_counter() - started,
        "cases": cases, "benchPBF": bench_pbf,
    }
    out = args.export / "reference.json"
    out.write_text(json.dumps(reference, indent=2, sort_keys=True))
    log(f"compare.py: wrote {out} ({reference['totalSeconds']:.0f} s)")

    if args.no_render:
        return
    render = ["--render", "--export", str(args.export)] + (["--output", str(args.output)] if args.output else [])
    executable = bench.get("executable")
    if executable and Path(executable).exists():
        subprocess.run([executable] + render, check=True)
    else:
        subprocess.run(["swift", "run", "-c", "release", "lifecircle-bench"] + render, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
