"""Tests of core.storage, one module per core module."""
