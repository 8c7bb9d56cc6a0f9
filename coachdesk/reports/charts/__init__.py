"""Charts drawn on a given matplotlib Figure from plain data (issue #7): agent trends, team heat maps."""
