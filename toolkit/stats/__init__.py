"""Statistics over articles and lines. Pure: imports neither matplotlib nor ipywidgets."""
