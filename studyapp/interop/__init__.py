"""Interop: import packs from CSV/TSV, Markdown notes and Anki, and export packs to Anki, CSV and YAML.

Importers turn a file into a pack dict (the YAML structure of docs/pack-format.md) plus an
`ImportReport`; exporters turn a loaded `Pack` into a file plus an `ExportReport`. No UI code here.
"""
