"""The export package for the person: its files (:mod:`pdscan.package.files`), its words
in English and French (:mod:`pdscan.package.strings`) and its README.txt and index.html
(:mod:`pdscan.package.text`). :mod:`pdscan.export` gathers the data and writes the zip."""
