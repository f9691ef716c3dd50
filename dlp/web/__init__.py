"""The web page and JSON API (``dlp serve``): the only part of dlp that imports the web framework.

See :mod:`dlp.web.app` and ``docs/web.md``.
"""
