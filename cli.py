"""Launcher for a checkout: `python cli.py scan samples/` works without installing.

The installed application lives in the `dlp` package (`dlp` console command,
`python -m dlp`). This file only puts the checkout on the path and hands over.
"""
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dlp.cli import main

    sys.exit(main())
