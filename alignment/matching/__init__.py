"""The stages of sentence alignment, one module each: anchors, banded DP, moves, gaps, classification."""
