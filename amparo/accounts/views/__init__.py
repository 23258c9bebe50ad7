"""Pages of accounts: a user's own account and tokens, and an admin's management of people."""
