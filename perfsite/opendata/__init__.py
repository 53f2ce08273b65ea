"""Open data: the site-wide and per-year tables (CSV, JSON, Excel), their Data Package
descriptors, a zip per year, files.json (size, rows, SHA-256), the DCAT catalogue data.json and
the Atom feed. Units follow one policy (perfsite.opendata.units).

Everything here is a pure function of the programmes' parts (perfsite.site.session writes them), so two builds of the same data give the same
bytes: no build clock, fixed workbook dates, stable row order.
"""
