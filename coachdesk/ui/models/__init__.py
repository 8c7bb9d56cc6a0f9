"""Qt table models over light rows from the services."""
