//! Installing what a fresh machine lacks (not written yet).
