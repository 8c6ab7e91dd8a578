#!/usr/bin/env python3
"""Independent reference for LifeCircle's coverage distances on a real extract, built with other tools throughout.

pyrosm reads the PBF and gives its walking network (`get_network("walking", nodes=True)`: its own reader, tag
filter and way splitting; lengths from pyproj's geodesic). The ways LifeCircle's walking profile rejects by their tags are taken out of
it, so the comparison tests the network, the snapping and the search, not the choice of tags (which has tests of
its own). shapely snaps every place to the nearest point of the nearest edge in a metric CRS (pyproj); NetworkX
walks the graph from every facility at once. A place farther than MAX_SNAP metres from every edge is not
snapped. A walk counts both snap legs and the partial edges, as LifeCircle's search does.

Usage: pyrosm_reference.py EXTRACT.osm.pbf EPSG_METRIC REJECTED_WAYS.txt FACILITIES.csv PLACES.csv MAX_SNAP
(CSV files: id,lon,lat; REJECTED_WAYS.txt one OSM way id per line). Prints `id,distance_m` for every place, the
distance empty where the place is not snapped or no facility is reached.
"""
import csv
import sys
import warnings

warnings.filterwarnings("ignore")

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pyproj  # noqa: E402
import shapely  # noqa: E402
from pyrosm import OSM  # noqa: E402

pbf, metric_epsg, rejected_path, facilities_path, places_path, max_snap = sys.argv[1:7]
max_snap = float(max_snap)
with open(rejected_path) as f:
    rejected = {int(line) for line in f if line.strip()}


def read(path):
    with open(path, newline='') as f:
        return [(row['id'], float(row['lon']), float(row['lat'])) for row in csv.DictReader(f)]


_, edges = OSM(pbf).get_network("walking", nodes=True)
edges = edges[~edges["id"].astype("int64").isin(rejected)]
to_metric = pyproj.Transformer.from_crs(4326, int(metric_epsg), always_xy=True)
geod = pyproj.Geod(ellps="WGS84")

# One edge per segment between consecutive OSM nodes; parallel segments keep the shortest.
us = edges["u"].astype("int64").to_numpy()
vs = edges["v"].astype("int64").to_numpy()
geometries = list(edges.geometry)
# Lengths on the WGS84 ellipsoid (pyproj's GeographicLib), as LifeCircle measures them; pyrosm's own `length` is
# haversine on a sphere, about 0.13 % short at Andorra's latitude.
lengths = np.array([geod.line_length(*g.xy) for g in geometries])
graph = nx.Graph()
for u, v, length in zip(us, vs, lengths):
    if u == v:
        continue
    if graph.has_edge(u, v) and graph[u][v]["weight"] <= length:
        continue
    graph.add_edge(u, v, weight=length)

metric_lines = [shapely.transform(g, lambda xy: np.column_stack(to_metric.transform(xy[:, 0], xy[:, 1])))
                for g in geometries]
tree = shapely.STRtree(metric_lines)
inverse = pyproj.Transformer.from_crs(int(metric_epsg), 4326, always_xy=True)


def snap(lon, lat):
    """(edge index, offset from u in metres, leg in metres), or None beyond MAX_SNAP."""
    x, y = to_metric.transform(lon, lat)
    point = shapely.Point(x, y)
    hits = tree.query_nearest(point, max_distance=max_snap * 1.5)
    if len(hits) == 0:
        return None
    index = int(hits[0])
    line = metric_lines[index]
    along = line.project(point)
    nearest = line.interpolate(along)
    # The leg is measured on the ellipsoid, as LifeCircle does; the offset scales the metric position to the
    # segment's length.
    nlon, nlat = inverse.transform(nearest.x, nearest.y)
    leg = geod.inv(lon, lat, nlon, nlat)[2]
    if leg > max_snap:
        return None
    fraction = along / line.length if line.length > 0 else 0
    return index, fraction * lengths[index], leg


facilities = [s for s in (snap(lon, lat) for _, lon, lat in read(facilities_path)) if s is not None]
# A virtual source joined to both ends of each facility's segment.
SOURCE = "facilities"
for k, (index, offset, leg) in enumerate(facilities):
    node = ("facility", k)
    graph.add_edge(SOURCE, node, weight=leg)
    graph.add_edge(node, int(us[index]), weight=offset)
    graph.add_edge(node, int(vs[index]), weight=lengths[index] - offset)
distance = nx.single_source_dijkstra_path_length(graph, SOURCE, weight="weight")

writer = csv.writer(sys.stdout, lineterminator="\n")
writer.writerow(["id", "distance_m"])
for place_id, lon, lat in read(places_path):
    snapped = snap(lon, lat)
    if snapped is None:
        writer.writerow([place_id, ""])
        continue
    index, offset, leg = snapped
    candidates = []
    u, v = int(us[index]), int(vs[index])
    if u in distance:
        candidates.append(distance[u] + offset)
    if v in distance:
        candidates.append(distance[v] + lengths[index] - offset)
    for f_index, f_offset, f_leg in facilities:
        if f_index == index:
            candidates.append(f_leg + abs(f_offset - offset))
    writer.writerow([place_id, repr(float(min(candidates) + leg)) if candidates else ""])
