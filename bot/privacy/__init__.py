"""Privacy: erasure on request and retention of conversations."""
