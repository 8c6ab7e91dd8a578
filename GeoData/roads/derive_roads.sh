#!/usr/bin/env bash
# Derives the road line layers in this folder from GeoData/osm/helsinki.osm.pbf with GDAL's OSM driver.
#
# They are DERIVED FROM OPENSTREETMAP (© OpenStreetMap contributors, ODbL 1.0) and stand in for an official
# road layer, which no source offline provides: the ways a walker may use (any `highway`, and platforms and
# piers), with the tags the walking profiles read as columns, reprojected to national and city grids as a
# bureau would deliver them:
#   helsinki_roads_etrs_tm35fin.gpkg   GeoPackage, EPSG:3067 (ETRS89 / TM35FIN, Finland's national grid)
#   helsinki_roads_gk25.geojson        GeoJSON with a "crs" member, EPSG:3879 (ETRS89 / GK25FIN, Helsinki's grid),
#                                      coordinates rounded to the millimetre
# Run from anywhere: bash GeoData/roads/derive_roads.sh (needs ogr2ogr, GDAL 3.6 or later).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_pbf="$here/../osm/helsinki.osm.pbf"
config="$(mktemp --suffix=.ini)"
trap 'rm -f "$config"' EXIT

# GDAL's OSM configuration, with the tags the walking profiles read added to the lines layer, and closed
# platforms kept as lines (GDAL makes them polygons; the profiles walk along them, as along any closed way
# without area=yes).
sed -e 's/^attributes=name,highway,waterway,aerialway,barrier,man_made,railway$/attributes=name,highway,foot,access,area,sidewalk,sidewalk:both,sidewalk:left,sidewalk:right,sac_scale,railway,public_transport,man_made/' \
    -e 's/^\(closed_ways_are_polygons=.*\),highway=platform,public_transport=platform$/\1/' \
    "$(gdal-config --datadir 2>/dev/null || echo /usr/share/gdal)/osmconf.ini" > "$config"
grep -q '^attributes=name,highway,foot,' "$config" && ! grep -q '^closed_ways_are_polygons=.*platform' "$config" \
    || { echo "osmconf.ini is not laid out as GDAL 3.6 ships it" >&2; exit 1; }

# GDAL names the columns sidewalk_both etc.; the profiles read the OSM keys.
sql="SELECT osm_id, name, highway, foot, access, area, sidewalk, sidewalk_both AS \"sidewalk:both\",
  sidewalk_left AS \"sidewalk:left\", sidewalk_right AS \"sidewalk:right\", sac_scale, railway, public_transport,
  man_made, geometry FROM lines
  WHERE highway IS NOT NULL OR railway = 'platform' OR public_transport = 'platform' OR man_made = 'pier'"

rm -f "$here/helsinki_roads_etrs_tm35fin.gpkg" "$here/helsinki_roads_gk25.geojson"
OSM_CONFIG_FILE="$config" ogr2ogr -f GPKG "$here/helsinki_roads_etrs_tm35fin.gpkg" "$source_pbf" \
    -dialect SQLite -sql "$sql" -t_srs EPSG:3067 -nln roads
OSM_CONFIG_FILE="$config" ogr2ogr -f GeoJSON "$here/helsinki_roads_gk25.geojson" "$source_pbf" \
    -dialect SQLite -sql "$sql" -t_srs EPSG:3879 -nln roads -lco COORDINATE_PRECISION=3
ogrinfo -so "$here/helsinki_roads_etrs_tm35fin.gpkg" roads | grep -E 'Feature Count'
ogrinfo -so "$here/helsinki_roads_gk25.geojson" roads | grep -E 'Feature Count'
