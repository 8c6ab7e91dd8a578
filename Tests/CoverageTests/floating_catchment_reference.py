#!/usr/bin/env python3
"""Independent reference for LifeCircle's two-step floating catchment: the same places on the same edges,
with NetworkX's Dijkstra for the walking distances and the two steps written out plainly.

Usage: floating_catchment_reference.py EDGES SUPPLY DEMAND CATCHMENT_M PER [DECAY]

EDGES: source,target,length_m (edge i is row i). SUPPLY: id,edge,offset_m,leg_m,amount and DEMAND:
id,edge,offset_m,leg_m,population, where edge is empty for a place that could not be snapped; offset_m is
measured from the edge's source node. DECAY: "300:1,600:0.68,1000:0.22" for stepped weights (E2SFCA),
"gaussian" for Dai's (2010) Gaussian weights; without it every distance within the catchment weighs 1 (2SFCA). Prints `role,id,value` rows: the ratio
per PER residents of each facility with residents in reach, and the accessibility of every demand place.
Run by Tests/CoverageTests.
"""
import csv
import math
import sys

import networkx as nx

edges_path, supply_path, demand_path = sys.argv[1:4]
catchment, per = float(sys.argv[4]), float(sys.argv[5])
decay = sys.argv[6] if len(sys.argv) > 6 else 'none'
steps = [tuple(map(float, step.split(':'))) for step in decay.split(',')] if ':' in decay else None

with open(edges_path, newline='') as f:
    edges = [(int(r['source']), int(r['target']), float(r['length_m'])) for r in csv.DictReader(f)]
graph = nx.Graph()
for u, v, w in edges:
    # Parallel edges: keep the shortest, as a walker would.
    if graph.has_edge(u, v):
        w = min(w, graph[u][v]['weight'])
    graph.add_edge(u, v, weight=w)


def read_places(path, amount_column):
    places = []
    with open(path, newline='') as f:
        for r in csv.DictReader(f):
            edge = int(r['edge']) if r['edge'] else None
            places.append((r['id'], edge, float(r['offset_m'] or 0), float(r['leg_m'] or 0), float(r[amount_column])))
    return places


supply = read_places(supply_path, 'amount')
demand = read_places(demand_path, 'population')


def weight(d):
    if d > catchment:
        return 0.0
    if decay == 'gaussian':
        return (math.exp(-0.5 * (d / catchment) ** 2) - math.exp(-0.5)) / (1 - math.exp(-0.5))
    if steps is None:
        return 1.0
    for upper, w in steps:
        if d <= upper:
            return w
    return steps[-1][1]


def reached(facility):
    """Demand index -> walking distance within the catchment, from a facility snapped onto an edge."""
    _, edge, offset, leg, _ = facility
    u, v, length = edges[edge]
    # A temporary node at the facility, joined to both ends of its edge by what is left of the walk.
    graph.add_edge('facility', u, weight=leg + offset)
    if graph.has_edge('facility', v):
        graph['facility'][v]['weight'] = min(graph['facility'][v]['weight'], leg + length - offset)
    else:
        graph.add_edge('facility', v, weight=leg + length - offset)
    node_distance = nx.single_source_dijkstra_path_length(graph, 'facility', cutoff=catchment, weight='weight')
    graph.remove_node('facility')
    found = {}
    for i, (_, d_edge, d_offset, d_leg, _) in enumerate(demand):
        if d_edge is None:
            continue
        du, dv, d_length = edges[d_edge]
        best = min(node_distance.get(du, math.inf) + d_offset, node_distance.get(dv, math.inf) + d_length - d_offset)
        if d_edge == edge:
            best = min(best, leg + abs(offset - d_offset))
        best += d_leg
        if best <= catchment:
            found[i] = best
    return found


accessibility = [0.0] * len(demand)
writer = csv.writer(sys.stdout, lineterminator='\n')
writer.writerow(['role', 'id', 'value'])
for facility in supply:
    if facility[1] is None:
        continue
    within = reached(facility)
    weighted = sum(demand[i][4] * weight(d) for i, d in within.items())
    if weighted <= 0:
        continue
    ratio = facility[4] / weighted * per
    writer.writerow(['supply', facility[0], repr(ratio)])
    for i, d in within.items():
        accessibility[i] += ratio * weight(d)
for place, value in zip(demand, accessibility):
    writer.writerow(['demand', place[0], repr(value)])
