"""The programmes' forms: shape only, the services decide."""
