"""The small neutral protocol between notebooks and the build.

`report.protocol` names the MIME types, statuses, bases and the key-name rule (no imports);
`report.show` is what a notebook calls to show and record things (the only module that imports
IPython). The build reads `report.protocol` only.
"""
