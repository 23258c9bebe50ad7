"""REST API of the justice domain: one view per operation (HackSoft style)."""
