"""Named operations, one module per capability: each calls one service through ``kit.ops`` and says what it changed.

Only ``ui/actions`` and ``ui/kit`` hold the database context; pages, dialogs and widgets call these by name with
the ``AppContext`` they were given and a ``done`` callback for the result.
"""
