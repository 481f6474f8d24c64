"""Tests of core.data, one module per core module."""
