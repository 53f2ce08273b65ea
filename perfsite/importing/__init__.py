"""Import clerks' Word and Excel self-evaluations into programme files (`perfsite import`).

Readers turn a .docx or .xlsx into plain grids and paragraphs (`docx_reader`, `xlsx_reader`);
`tables` and `text` recognise what they hold; `build` assembles a programme and checks it with
the core reader and scorer; `writer` writes it atomically. `template` and `skeleton` give clerks
something to fill in instead of YAML.
"""
