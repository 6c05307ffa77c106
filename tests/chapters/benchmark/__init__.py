"""Tests of the Jobcenterbenchmark chapter (a package, so its module names do not clash with other chapters')."""
