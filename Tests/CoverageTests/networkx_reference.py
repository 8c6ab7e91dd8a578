#!/usr/bin/env python3
"""Independent reference for LifeCircle's shortest paths: NetworkX's multi-source Dijkstra on the same edges.

Reads an edge list CSV (source,target,length_m) and a sources file (one node index per line), and prints
`node,distance_m` for every node reachable from the nearest source. Run by Tests/CoverageTests.
"""
import csv
import sys

import networkx as nx

edges_path, sources_path = sys.argv[1], sys.argv[2]
graph = nx.Graph()
with open(edges_path, newline='') as f:
    for row in csv.DictReader(f):
        u, v, w = int(row['source']), int(row['target']), float(row['length_m'])
        # Parallel edges: keep the shortest, as a walker would.
        if graph.has_edge(u, v):
            w = min(w, graph[u][v]['weight'])
        graph.add_edge(u, v, weight=w)
with open(sources_path) as f:
    sources = [int(line) for line in f if line.strip()]
distances = nx.multi_source_dijkstra_path_length(graph, sources, weight='weight')
writer = csv.writer(sys.stdout, lineterminator='\n')
writer.writerow(['node', 'distance_m'])
for node in sorted(distances):
    writer.writerow([node, repr(distances[node])])
