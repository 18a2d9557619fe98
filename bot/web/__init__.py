"""The Wegwijs web app: widget assets, demo page, caseworker console and its API."""
