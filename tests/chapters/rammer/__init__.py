"""Tests of the Rammer chapter (a package, so its module names do not clash with other chapters')."""
