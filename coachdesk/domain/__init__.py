"""Pure-Python core: vocabularies, entities and rules, with no database, GUI or file-format knowledge."""
