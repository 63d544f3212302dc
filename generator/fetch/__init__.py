"""Metadata from the web: Hugging Face Papers and arXiv clients over one HTTP layer.

``http`` is the only module that imports ``requests``; ``hf`` and ``arxiv``
turn untrusted API answers into plain ``Record`` values; nothing here writes
curated data.
"""
