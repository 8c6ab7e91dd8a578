// Placeholder until this target's sources land.
