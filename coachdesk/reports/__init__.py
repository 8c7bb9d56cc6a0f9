"""Charts (matplotlib on a given Figure) and PDF documents (reportlab); no Qt."""
