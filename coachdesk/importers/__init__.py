"""Reading real files: sniffing, parsing values, mappings and aggregation."""
