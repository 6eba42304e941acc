"""Rules that put danger first (112, Livslinien): shared by the NLU guards and knowledge tools."""
