"""The GIZ conversation: the CAF triangle, factor panels, the GOM outcome per side, conclusion."""
