"""Tests of core.training, one module per core module."""
