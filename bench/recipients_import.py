"""Çözüm Postası's recipient-book import at scale.

    .venv/bin/python bench/recipients_import.py [--rows 20000]

Builds the demo site in a throwaway database (BENCH_DATABASE_URL for PostgreSQL),
writes a recipient book of `--rows` rows over the 37 mahalleler as CSV, with 2 %
duplicates (half repeating a UAVT code, half a name and address in other capitals)
and 1 % bad rows (an unknown mahalle or a nine-digit UAVT code), then times the dry
run and the confirmed import through the portal's own code (distribution.imports)
and counts the queries of the import's status page. Target (issue 8): dry run +
confirm ≤ 20 s for 20,000 rows.
"""

import argparse
import csv
import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KINDS = ["Okul", "Dernek ya da vakıf", "Dükkân", "Şirket", "Kişi", "Muhtarlık", "Kamu kurumu", "Sağlık merkezi"]
WORDS = ["Yıldız", "Çınar", "Güneş", "Işık", "Öncü", "Şafak", "Umut", "Ağaç", "Deniz", "Gül", "İnci", "Kardelen"]
ENDS = ["Derneği", "Eczanesi", "Kırtasiye", "İlkokulu", "Fırını", "Market", "Vakfı", "Aile Sağlığı Merkezi"]
STREETS = ["Alemdağ Caddesi", "Gül Sokak", "Şehit Sokak", "Çamlık Caddesi", "Ihlamur Sokak", "İnönü Caddesi"]
LISTS = ["Kültür bülteni aboneleri", "Muhtarlar", "Okullar", ""]


def book_csv(rows, neighbourhoods):
    rng = random.Random(2026)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Tür", "Ad", "Mahalle", "Cadde/Sokak", "Dış kapı no", "UAVT kodu", "Enlem", "Boylam", "Listeler"])
    written = []
    for number in range(rows):
        row = [
            rng.choice(KINDS),
            f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(ENDS)} {number}",
            rng.choice(neighbourhoods),
            rng.choice(STREETS),
            str(rng.randint(1, 200)),
            f"{3_000_000_000 + number}",
            f"{41.0 + rng.random() / 20:.6f}",
            f"{29.1 + rng.random() / 20:.6f}",
            rng.choice(LISTS),
        ]
        if number % 100 == 10 and written:  # a UAVT code seen on an earlier line
            row[5] = written[-1][5]
        elif number % 100 == 60 and written:  # an earlier line's name and address, shouted
            row = [*written[-1][:5], "", "", "", ""]
            row[1] = row[1].upper()
        elif number % 200 == 30:  # bad: no such mahalle
            row[2] = "Kadıköy"
        elif number % 200 == 130:  # bad: a UAVT code of nine digits
            row[5] = row[5][:9]
        written.append(row)
        writer.writerow(row)
    return buffer.getvalue().encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()

    from bench._setup import setup

    setup()
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from distribution import imports
    from distribution.groups import ensure_group
    from distribution.models import Recipient, RecipientImport
    from places.models import Neighbourhood

    neighbourhoods = list(Neighbourhood.objects.values_list("name", flat=True))
    coordinator = User.objects.create_user(email="postasi@kentkonseyi.test", password="x")
    coordinator.groups.add(ensure_group())
    before = Recipient.objects.count()
    content = book_csv(args.rows, neighbourhoods)
    recipient_import = RecipientImport.objects.create(original_name="alicilar.csv", created_by=coordinator)
    recipient_import.file.save("alicilar.csv", ContentFile(content))

    started = time.perf_counter()
    imports.check(recipient_import)
    checked = time.perf_counter()
    imports.confirm(recipient_import)
    finished = time.perf_counter()
    recipient_import.refresh_from_db()

    client = Client()
    client.force_login(coordinator)
    url = f"/admin/distribution/import/{recipient_import.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200

    print(f"database: {connection.vendor}, {len(neighbourhoods)} mahalleler")
    print(f"rows in file:            {args.rows}")
    print(
        f"new / duplicate / error: {recipient_import.new_count} / {recipient_import.duplicate_count}"
        f" / {recipient_import.error_count}"
    )
    print(f"recipients added:        {Recipient.objects.count() - before}")
    print(f"list memberships:        {Recipient.lists.through.objects.count()}")
    print(f"dry run:                 {checked - started:6.1f} s")
    print(f"confirm (import):        {finished - checked:6.1f} s")
    print(f"dry run + confirm:       {finished - started:6.1f} s   (target ≤ 20 s)")
    print(f"status page queries:     {len(queries)}")


if __name__ == "__main__":
    main()
