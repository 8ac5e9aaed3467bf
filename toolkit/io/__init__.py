"""Adapters that read one kind of source each: bytes, HTML, tables, folders, zips.

:func:`toolkit.corpus.load_corpus` dispatches over them. They import nothing above
:mod:`toolkit.schema`; a problem with one file or row is raised as
:class:`toolkit.io.errors.Problem` and turned into an errors row by the loader.

What the pages themselves tell about an article lives here too: publication dates
(:mod:`toolkit.io.dates`), language (:mod:`toolkit.io.language`) and the site each page
belongs to in a folder without metadata (:mod:`toolkit.io.sites`).
"""
