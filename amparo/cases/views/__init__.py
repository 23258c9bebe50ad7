"""Server-rendered pages, one module per subdomain. Views are thin: forms in,
services and selectors called, templates out."""
