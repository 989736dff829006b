"""A DCAT-AP description of the register's open data (JSON-LD), for portals that harvest catalogues.

The EU vocabularies DCAT-AP asks for: the file types (CSV, JSON), the update frequency (DAILY), the language
(TUR); the licence is CC BY 4.0 on every distribution.
"""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from transparency import open_data

EU = "http://publications.europa.eu/resource/authority/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
FILE_TYPES = {"csv": EU + "file-type/CSV", "json": EU + "file-type/JSON"}


def catalogue(request):
    """The catalogue as a JSON-LD document: every dataset, each period's CSV and JSON as distributions."""
    absolute = request.build_absolute_uri
    years = open_data.years()
    today = timezone.localdate().isoformat()
    publisher = {"@type": "foaf:Agent", "foaf:name": open_data.PUBLISHER}
    licence = {"@id": open_data.LICENCE_URL}
    datasets = []
    with translation.override("tr"):
        for dataset in open_data.DATASETS:
            distributions = []
            for period in [open_data.ALL, *map(str, reversed(years))]:
                for extension in ("csv", "json"):
                    url = absolute(open_data.file_url(dataset, period, extension))
                    distributions.append(
                        {
                            "@id": url,
                            "@type": "dcat:Distribution",
                            "dct:title": f"{dataset.title} ({period}, {extension.upper()})",
                            "dcat:accessURL": {"@id": url},
                            "dcat:downloadURL": {"@id": url},
                            "dcat:mediaType": MEDIA_TYPES[extension],
                            "dct:format": {"@id": FILE_TYPES[extension]},
                            "dct:license": licence,
                        }
                    )
            datasets.append(
                {
                    "@id": absolute(reverse("transparency:catalogue")) + "#" + dataset.slug,
                    "@type": "dcat:Dataset",
                    "dct:identifier": dataset.slug,
                    "dct:title": str(dataset.title),
                    "dct:description": str(dataset.description),
                    "dct:publisher": publisher,
                    "dct:license": licence,
                    "dct:language": {"@id": EU + "language/TUR"},
                    "dct:accrualPeriodicity": {"@id": EU + "frequency/DAILY"},
                    "dct:modified": {"@value": today, "@type": "xsd:date"},
                    "dct:temporal": {
                        "@type": "dct:PeriodOfTime",
                        "dcat:startDate": {"@value": f"{years[0]}-01-01", "@type": "xsd:date"},
                    },
                    "dct:spatial": {"@type": "dct:Location", "dct:title": "Ümraniye, İstanbul"},
                    "dcat:keyword": ["Çözüm Merkezi", "başvuru", "şikâyet", "Ümraniye"],
                    "dcat:landingPage": {"@id": absolute(reverse("transparency:dashboard"))},
                    "dcat:distribution": distributions,
                }
            )
        return {
            "@context": CONTEXT,
            "@id": absolute(reverse("transparency_data:dcat")),
            "@type": "dcat:Catalog",
            "dct:title": "Ümraniye Belediyesi Çözüm Merkezi açık verisi",
            "dct:description": (
                "Çözüm Merkezi'nin başvuru kaydından yıllık rapor tabloları ve kişisel veri içermeyen kamuya açık "
                "başvurular; her gün yenilenir."
            ),
            "dct:publisher": publisher,
            "dct:license": licence,
            "dct:language": {"@id": EU + "language/TUR"},
            "dct:modified": {"@value": today, "@type": "xsd:date"},
            "foaf:homepage": {"@id": absolute(reverse("transparency:catalogue"))},
            "dcat:dataset": datasets,
        }


@require_safe
def view(request):
    response = HttpResponse(
        json.dumps(catalogue(request), ensure_ascii=False, indent=1), content_type="application/ld+json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=900"
    response["Link"] = f'<{open_data.LICENCE_URL}>; rel="license"'
    return response
