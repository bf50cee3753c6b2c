//! Hash maps and sets for the run's own lookups (figure keys, relation results, anchors):
//! foldhash with a fixed seed. It hashes a short key several times faster than std's SipHash,
//! which a check of 10,000 figures spent a tenth of its time in, and a fixed seed keeps every
//! run the same. The keys come from the user's own files, so SipHash's defence against keys
//! crafted to collide buys nothing here. (The parser's duplicate-key check, `yaml::tree`, keeps
//! std's keyed hasher: it sees a file before any other check, once per key of a large mapping.)

/// A hash map with the fast fixed-seed hasher (build with `default()` or `collect()`).
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// A hash set with the fast fixed-seed hasher (build with `default()` or `collect()`).
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
