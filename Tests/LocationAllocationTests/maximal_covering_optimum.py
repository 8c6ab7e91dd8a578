#!/usr/bin/env python3
"""Exact optima of the maximal-covering instances in Instances/, solved once with an external MILP solver.

    pip install pulp          # PuLP 3.x; it ships the COIN-OR CBC binary
    python3 Tests/LocationAllocationTests/maximal_covering_optimum.py

Reads every Instances/*.instance.json.gz (written by RealNetworkOptimumTests from GeoData: see that file) and
writes Instances/maximal_covering_optimum.json, which the tests compare greedy + interchange against. Run it
again only when an instance changes; the tests check that the optimum belongs to the instance (SHA-256 of
the decompressed instance).

The model (Church and ReVelle 1974), for a service distance S and p new sites, existing facilities fixed:

    maximise   sum_i w_i y_i                      over units i not yet covered that some candidate covers
    subject to y_i <= sum_{j : d_ij <= S} x_j     (a unit counts only if a chosen site covers it)
               sum_j x_j <= p
               x_j in {0, 1},  0 <= y_i <= 1

The objective is the weight (residents) newly covered; units within S of an existing facility are covered
already and left out. CBC runs to a proven optimum (relative gap 0).
"""

import glob
import gzip
import hashlib
import json
import os
import sys
import time

import pulp

HERE = os.path.dirname(os.path.abspath(__file__))
INSTANCES = os.path.join(HERE, "Instances")
OUTPUT = os.path.join(INSTANCES, "maximal_covering_optimum.json")
SERVICE_DISTANCES = [300.0, 500.0]
SITE_COUNTS = [5, 10]


def solve(instance, service, p):
    weights = instance["weights"]
    existing = instance["existing_distance_m"]
    covered = [d is not None and d <= service for d in existing]
    covers = {}  # unit -> candidates covering it
    for j, candidate in enumerate(instance["candidates"]):
        for unit, distance in zip(candidate["demand"], candidate["distance_m"]):
            if distance <= service and not covered[unit] and weights[unit] > 0:
                covers.setdefault(unit, []).append(j)
    useful = sorted({j for js in covers.values() for j in js})
    model = pulp.LpProblem("maximal_covering", pulp.LpMaximize)
    x = {j: pulp.LpVariable(f"x_{j}", cat="Binary") for j in useful}
    y = {i: pulp.LpVariable(f"y_{i}", lowBound=0, upBound=1) for i in covers}
    model += pulp.lpSum(weights[i] * y[i] for i in covers)
    for i, js in covers.items():
        model += y[i] <= pulp.lpSum(x[j] for j in js)
    model += pulp.lpSum(x.values()) <= p
    started = time.time()
    status = model.solve(pulp.PULP_CBC_CMD(msg=False, gapRel=0))
    seconds = time.time() - started
    if pulp.LpStatus[status] != "Optimal":
        sys.exit(f"{instance['name']} S={service} p={p}: CBC says {pulp.LpStatus[status]}")
    chosen = sorted(j for j in useful if x[j].value() > 0.5)
    gain = sum(weights[i] for i, js in covers.items() if any(j in chosen for j in js))
    already = sum(w for w, c in zip(weights, covered) if c)
    return {
        "instance": instance["name"],
        "service_distance_m": service,
        "p": p,
        "optimal_gain": round(gain, 6),
        "covered_before": round(already, 6),
        "total_weight": round(sum(weights), 6),
        "sites": chosen,
        "solver_seconds": round(seconds, 2),
        "variables": len(x) + len(y),
        "constraints": len(covers) + 1,
    }


def main():
    results = []
    hashes = {}
    for path in sorted(glob.glob(os.path.join(INSTANCES, "*.instance.json.gz"))):
        with gzip.open(path, "rb") as f:
            text = f.read()
        instance = json.loads(text)
        hashes[instance["name"]] = hashlib.sha256(text).hexdigest()
        for service in SERVICE_DISTANCES:
            for p in SITE_COUNTS:
                result = solve(instance, service, p)
                print(f"{result['instance']} S={service:g} p={p}: {result['optimal_gain']} "
                      f"in {result['solver_seconds']} s", file=sys.stderr)
                results.append(result)
    document = {
        "solver": f"PuLP {pulp.__version__} with {pulp.PULP_CBC_CMD().name} (COIN-OR CBC), relative gap 0",
        "script": "Tests/LocationAllocationTests/maximal_covering_optimum.py",
        "instance_sha256": hashes,
        "results": results,
    }
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
