"""nianjian (年鉴): yearly records of a service centre, published as a Chinese intranet site.

Data flow: load → validate → model → render; MkDocs only receives the rendered pages.
"""

__version__ = "0.1.0"
