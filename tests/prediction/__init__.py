"""Tests of core.prediction, one module per core module."""
