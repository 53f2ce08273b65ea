"""perfsite: publish budget-performance evaluations (预算绩效评价) exactly.

The core (this package) loads, validates, scores and grades programme files and builds
page data; it never imports MkDocs, so the site generator around it can be replaced.
"""

__version__ = "0.1.0"
