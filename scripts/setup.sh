#!/usr/bin/env bash
# Installs everything dlp and its tests need on a fresh Debian machine:
# system packages (libmagic, libarchive, Tesseract with the Indonesian pack, Chromium for
# the browser tests) and the Python package with its test extras.
# Idempotent; run as root (or with sudo available).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

APT_PACKAGES=(libmagic1 libarchive13 tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng fonts-dejavu-core chromium chromium-driver git)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
$PY -m pip install -q --disable-pip-version-check -e '.[test,web]'
# An editable install leaves dlp's own modules uncompiled; where PYTHONDONTWRITEBYTECODE is set
# every `dlp` run would compile them again (~55 ms of a one-draft check).
$PY -m compileall -q dlp classifiers patterns >/dev/null
