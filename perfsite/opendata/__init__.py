"""Open data: the site-wide tables (CSV, JSON, Excel), their Data Package descriptor and the Atom feed.

Everything here is a pure function of the dataset, so two builds of the same data give the same
bytes: no build clock, fixed workbook dates, stable row order.
"""

from perfsite.opendata.build import open_data_files

__all__ = ["open_data_files"]
