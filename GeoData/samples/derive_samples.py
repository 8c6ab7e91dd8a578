#!/usr/bin/env python3
"""Derives the sample facility lists in GeoData/samples/ from the real OSM extracts in GeoData/osm.

Run from the repository root: python3 GeoData/samples/derive_samples.py
Needs osmium-tool (Debian `osmium-tool`) to turn the Helsinki PBF into OSM XML; the rest is the
Python standard library. Output is deterministic (sorted by OSM id).

Data: © OpenStreetMap contributors, ODbL 1.0. Nothing is invented: an object without a name tag is
named after its OSM id ("公厕 node/123"), and every other value is an OSM tag as found.
"""
import csv, gzip, io, json, subprocess, sys
import xml.etree.ElementTree as ET
from pathlib import Path

def nodes_with(xml_root, key, value):
    out = []
    for el in xml_root.iter('node'):
        tags = {t.get('k'): t.get('v') for t in el.findall('tag')}
        if tags.get(key) == value:
            out.append((int(el.get('id')), float(el.get('lon')), float(el.get('lat')), tags))
    return sorted(out)

def name_of(osm_id, tags):
    return tags.get('name') or f"公厕 node/{osm_id}"

def toilets_csv(toilets, line_end):
    """The toilets as a clerk's table: Chinese headers, id, name, lon/lat to 7 decimals, wheelchair, fee."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=line_end)
    w.writerow(['编号', '名称', '经度', '纬度', '无障碍', '收费'])
    for osm_id, lon, lat, tags in toilets:
        w.writerow([f'node/{osm_id}', name_of(osm_id, tags), f'{lon:.7f}', f'{lat:.7f}',
                    tags.get('wheelchair', ''), tags.get('fee', '')])
    return buf.getvalue()


def main(geodata):
    here = Path(__file__).parent
    pbf = geodata / 'osm/helsinki.osm.pbf'
    xml = subprocess.run(['osmium', 'cat', '-f', 'osm', str(pbf), '-o', '-'], check=True, capture_output=True).stdout
    helsinki = nodes_with(ET.fromstring(xml), 'amenity', 'toilets')
    # A CSV as Excel on a Chinese Windows saves it: GB18030 (a superset of GBK, needed for the Finnish
    # letters), CRLF line ends, Chinese headers.
    (here / 'helsinki_toilets_gbk.csv').write_bytes(toilets_csv(helsinki, '\r\n').encode('gb18030'))

    monaco_root = ET.parse(gzip.open(geodata / 'osm/monaco.osm.gz')).getroot()
    monaco = nodes_with(monaco_root, 'amenity', 'toilets')
    features = [{
        'type': 'Feature',
        'geometry': {'type': 'Point', 'coordinates': [lon, lat]},
        'properties': {'facility_id': f'node/{osm_id}', 'name': name_of(osm_id, tags)},
    } for osm_id, lon, lat, tags in monaco]
    doc = {'type': 'FeatureCollection', 'name': 'monaco_toilets', 'features': features}
    (here / 'monaco_toilets.geojson').write_text(json.dumps(doc, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    # Toilets of Shenzhen Longgang, inside the CGCS2000 3-degree zone CM 114E (EPSG:4547): the source of the
    # surveyor's Shapefile the import tests make with ogr2ogr. UTF-8, LF, Chinese headers.
    longgang_root = ET.parse(gzip.open(geodata / 'osm/shenzhen_longgang_2019.osm.gz')).getroot()
    longgang = nodes_with(longgang_root, 'amenity', 'toilets')
    (here / 'longgang_toilets.csv').write_text(toilets_csv(longgang, '\n'), encoding='utf-8')
    print(f'helsinki toilets: {len(helsinki)}, monaco toilets: {len(monaco)}, longgang toilets: {len(longgang)}',
          file=sys.stderr)

if __name__ == '__main__':
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent))
