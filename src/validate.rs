//! Stage 2: catalogue rules, relations, cross-file and disclosure checks → diagnostics;
//! relations also compute the figures the user left out.

// Owned by the check issue (#2).
