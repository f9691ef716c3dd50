"""GEOLOCATION: the GPS position a photo carries in its metadata.

What
    A decimal latitude/longitude pair on a line that starts with ``GPS``, the
    form in which :mod:`dlp.extract.image` writes the EXIF (or XMP) GPS
    position of a picture, part ``metadata:exif:gps``::

        GPS -6.914744, 107.609810

    Only that anchored form: coordinates in prose, tables or map links are
    not what this rule is about, and bare number pairs are everywhere.

Why
    A phone photo records where it was taken, to a few metres.  Posted from a
    restricted site (a military or police post, a safe house, a data centre,
    a VIP's residence), it tells everyone where that site is; posted from home,
    it tells where the officer lives.  The default policy makes it ``review``:
    strip the location before sharing.

Source
    EXIF 2.3 GPS IFD (GPSLatitude/GPSLongitude with their N/S, E/W refs), XMP
    ``exif:GPSLatitude``; UU 27/2022 (Pelindungan Data Pribadi) counts a
    person's location data as personal data.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from dlp.classifiers._text import capitals

ENTITY = "GEOLOCATION"

# "GPS" at the start of a line, then "lat, lon" in decimal degrees.
GPS_LINE = re.compile(r"(?m)^GPS[ \t]+(?P<pos>(?P<lat>[-+]?\d{1,2}\.\d{3,})[ \t]*,[ \t]*"
                      r"(?P<lon>[-+]?\d{1,3}\.\d{3,}))[ \t]*$")


class GeolocationRecognizer(EntityRecognizer):
    """GPS position of a picture (``GPS -6.914744, 107.609810`` written by the image extractor).

    Example: ``GPS -6.914744, 107.609810`` -> GEOLOCATION ``-6.914744, 107.609810``.
    Source: EXIF 2.3 GPS IFD; UU 27/2022 (location data is personal data).
    """

    ENTITIES = (ENTITY,)
    SCORE = 0.9

    def __init__(self, supported_language: str = "id", name: str | None = None, **kwargs):
        super().__init__(supported_entities=list(self.ENTITIES), supported_language=supported_language,
                         name=name or type(self).__name__, context=[], **kwargs)

    def load(self) -> None:
        pass

    def analyze(self, text, entities=None, nlp_artifacts=None, regex_flags=None):
        # keyword first, in the text's capitals (shared, ~20x shorter than the text): almost no text carries it
        if "GPS" not in capitals(text):
            return []
        results = []
        for m in GPS_LINE.finditer(text):
            lat, lon = float(m.group("lat")), float(m.group("lon"))
            if abs(lat) > 90 or abs(lon) > 180 or (lat == 0 and lon == 0):
                continue
            ns = "S" if lat < 0 else "N"
            ew = "W" if lon < 0 else "E"
            where = f"{abs(lat):.4f}°{ns} {abs(lon):.4f}°{ew}"
            meta = {
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,  # the GPS anchor is its context
                "dlp_reason": {"en": f"GPS position in the picture's metadata ({where})",
                               "id": f"Posisi GPS di metadata gambar ({where})"},
            }
            results.append(RecognizerResult(ENTITY, m.start("pos"), m.end("pos"), self.SCORE,
                                            recognition_metadata=meta))
        return results
