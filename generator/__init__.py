"""Static-site generator for curated research-paper catalogues.

The package reads like the pipeline: sources (``dump``) -> curated data
(``yamlsafe``, ``schema``, ``catalogue``) -> topics (``tagger``, ``acronyms``)
-> pages (``render``) -> files (``writer``) -> site (``build``).
"""

__version__ = "0.1.0"
