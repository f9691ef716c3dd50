"""GeolocationRecognizer: the ``GPS lat, lon`` line the image extractor writes."""
from __future__ import annotations

import pytest

from dlp.classifiers.geolocation_recognizer import GeolocationRecognizer

REC = GeolocationRecognizer()


def spans(text):
    return [text[r.start:r.end] for r in REC.analyze(text, ["GEOLOCATION"])]


@pytest.mark.parametrize("text, expected", [
    ("GPS -6.914744, 107.609810", ["-6.914744, 107.609810"]),
    ("GPS 1.352083, 103.819836", ["1.352083, 103.819836"]),
    ("GPS -33.868820, -151.209296", ["-33.868820, -151.209296"]),  # western hemisphere sign
    ("judul\nGPS -6.914744, 107.609810\n", ["-6.914744, 107.609810"]),  # a line of a longer text
    ("GPS  -6.914744 ,107.609810", ["-6.914744 ,107.609810"]),  # spacing varies
])
def test_positives(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "-6.914744, 107.609810",                      # no GPS anchor: any number pair
    "Koordinat GPS -6.914744, 107.609810 di peta",  # prose, not the extractor's line
    "GPS 95.000000, 107.609810",                  # latitude out of range
    "GPS -6.914744, 190.000000",                  # longitude out of range
    "GPS 0.000000, 0.000000",                     # no fix
    "GPS -6.9, 107.6",                            # too coarse to be a camera position
    "gps -6.914744, 107.609810",                  # the extractor writes GPS in capitals
    "GPS -6.914744, 107.609810 km",               # something else on the line
])
def test_negatives(text):
    assert spans(text) == []


def test_reason_says_where():
    r = REC.analyze("GPS -6.914744, 107.609810", ["GEOLOCATION"])[0]
    why = r.recognition_metadata["dlp_reason"]
    assert "6.9147°S 107.6098°E" in why["en"] and "GPS" in why["id"]
