"""Accounts: log in and out, throttled per username and IP address; the demo-site flag."""
