//! How figures are written in prose: as written, scaled to 万/亿, percentages, 同比增长/下降,
//! 个百分点, Chinese numerals and dates (GB/T 15835; no thousands separators in prose).

// Owned by the render issue (#3).
