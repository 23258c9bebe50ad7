"""Forms of the justice pages: shape only; the services decide what is valid."""
