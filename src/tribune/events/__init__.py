"""Event mention detection, typing, arguments and status."""
