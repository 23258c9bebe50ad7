"""Forms for the restoration pages. Shapes only: the services decide what is valid."""
