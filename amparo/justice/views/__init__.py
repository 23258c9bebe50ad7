"""Pages of the justice domain, one module per subdomain."""
