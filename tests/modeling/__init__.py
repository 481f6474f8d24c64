"""Tests of core.modeling, one module per core module."""
