"""Route sheets and address labels as the outreach team prints them for a delivery round.

    .venv/bin/python bench/route_sheets.py [--routes 50] [--stops 5000]

Needs no database. Builds `--routes` routes of different lengths sharing
`--stops` stops (Ümraniye recipients and addresses, pseudo-random but the same
on every run, each stop with its Code128 code and each route with its QR code),
then prints for each case the pages, the median time of 3 runs, the size and
the peak memory (tracemalloc, in a 4th run) of one PDF: the whole round, 150
pages in 30 routes, one route of 150 pages (one long table split page by page),
and the round's labels on 3×8 sheets. Target (issue): 150 pages of route tables < 2 s.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NEIGHBOURHOODS = [
    "Çakmak",
    "Ihlamurkuyu",
    "İnkılap",
    "Şerifali",
    "Tantavi",
    "Atakent",
    "Esenevler",
    "Atatürk",
    "Yamanevler",
    "Namık Kemal",
    "Esenşehir",
    "Altınşehir",
]
FIRST = ["Ayşe", "Fatma", "Zeynep", "Elif", "Hatice", "Şeyma", "Özlem", "İpek", "Mehmet", "Mustafa", "Ömer", "Çağrı"]
LAST = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Güneş"]
INSTITUTIONS = ["Muhtarlığı", "Kadın Kooperatifi", "Kültür Derneği", "Ortaokulu", "Halk Kütüphanesi", "Gençlik Merkezi"]
STREETS = ["Alemdağ Caddesi", "Şehit Mustafa Sokak", "Çamlık Sokak", "Kıble Sokak", "Ihlamur Caddesi", "Gül Sokak"]
PUBLICATIONS = ["Kültür Bülteni — Mart", "Ümraniye Dergisi", "Bahar Şenliği Davetiyesi"]


def round_of(routes, stops, seed=2026):
    """`routes` routes of different lengths sharing `stops` stops, the same on every run."""
    from distribution.printing import RouteSheet, SheetStop

    rng = random.Random(seed)
    weights = [rng.uniform(0.3, 1.7) for _ in range(routes)]
    lengths = [int(stops * weight / sum(weights)) for weight in weights]
    lengths[0] += stops - sum(lengths)
    sheets = []
    for number, length in enumerate(lengths, start=1):
        place = NEIGHBOURHOODS[number % len(NEIGHBOURHOODS)]
        sheet_stops = []
        for order in range(1, length + 1):
            if rng.random() < 0.3:
                recipient = f"{place} {rng.choice(INSTITUTIONS)}"
            else:
                recipient = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            address = f"{place} Mahallesi, {rng.choice(STREETS)} No: {rng.randint(1, 180)}"
            if rng.random() < 0.4:
                address += f" Daire {rng.randint(1, 24)}, Ümraniye / İstanbul"
            sheet_stops.append(SheetStop(order, recipient, address, rng.choice([1, 1, 2, 3, 5]), f"R{number}-S{order}"))
        sheets.append(
            RouteSheet(
                title=f"Rota {number} — {place}",
                courier=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                date=datetime.date(2026, 3, 16),
                publication=rng.choice(PUBLICATIONS),
                stops=sheet_stops,
                qr_url=f"https://kentkonseyi.umraniye.bel.tr/dagitim/rota/{number}/",
                neighbourhood=place,
            )
        )
    return sheets


def labels_of(sheets):
    from distribution.printing import Label

    return [
        Label([stop.recipient, stop.address, f"{sheet.neighbourhood} / Ümraniye / İstanbul", "34760"])
        for sheet in sheets
        for stop in sheet.stops
    ]


def measure(name, make):
    timings = []
    for _ in range(3):
        begin = time.perf_counter()
        pdf = make()
        timings.append(time.perf_counter() - begin)
    tracemalloc.start()
    make()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"{name:<34} {pages:5} pages  {statistics.median(timings) * 1000:7.0f} ms  "
        f"{len(pdf) / 1024:7.0f} KB  peak {peak / 2**20:5.1f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routes", type=int, default=50)
    parser.add_argument("--stops", type=int, default=5000)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.utils import translation

    from distribution.printing import labels, route_sheets

    translation.activate("tr")
    whole = round_of(args.routes, args.stops)
    # Stop counts that come to 150 pages with these recipients and addresses.
    in_30_routes = round_of(30, 2_770)
    in_1_route = round_of(1, 2_950)
    measure(f"{args.routes} routes, {args.stops:,} stops", lambda: route_sheets(whole))
    measure("30 routes, 2,770 stops", lambda: route_sheets(in_30_routes))
    measure("1 route, 2,950 stops", lambda: route_sheets(in_1_route))
    measure(f"{args.stops:,} labels, 3×8", lambda: labels(labels_of(whole)))
    print("target: 150 pages of route tables < 2,000 ms")


if __name__ == "__main__":
    main()
