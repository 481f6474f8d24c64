"""Tests of core.inspection, one module per core module."""
