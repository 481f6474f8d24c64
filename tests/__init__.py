"""Sigmoid Lab's tests: one folder per ``core`` package, one module per core module; views/ for the pages."""
