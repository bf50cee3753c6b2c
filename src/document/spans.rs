//! Merged cells in Markdown tables: a cell holding only `<<` is covered by the cell to its left,
//! one holding only `^^` by the cell above (the cells `wengao import` writes for merged cells of
//! Word and HTML tables). A marker that does not fit a rectangle stays text.

/// What one position of the grid is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A cell spanning (rows, columns).
    Cell(usize, usize),
    /// Covered by a span.
    Covered,
}

const LEFT: &str = "<<";
const UP: &str = "^^";

/// The place of every position of a grid of cell texts (rows padded to `width`).
pub fn places(texts: &[Vec<String>], width: usize) -> Vec<Vec<Place>> {
    let at = |r: usize, c: usize| {
        texts
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", |s| s.trim())
    };
    let mut out = vec![vec![Place::Cell(1, 1); width]; texts.len()];
    let mut taken = vec![vec![false; width]; texts.len()];
    for r in 0..texts.len() {
        for c in 0..width {
            if taken[r][c] || at(r, c) == LEFT || at(r, c) == UP {
                continue;
            }
            let mut cs = 1;
            while c + cs < width && at(r, c + cs) == LEFT && !taken[r][c + cs] {
                cs += 1;
            }
            let mut rs = 1;
            while r + rs < texts.len()
                && (c..c + cs).all(|k| at(r + rs, k) == UP && !taken[r + rs][k])
            {
                rs += 1;
            }
            for (rr, row) in taken.iter_mut().enumerate().skip(r).take(rs) {
                for (cc, t) in row.iter_mut().enumerate().skip(c).take(cs) {
                    *t = true;
                    out[rr][cc] = Place::Covered;
                }
            }
            out[r][c] = Place::Cell(rs, cs);
        }
    }
    // Markers no span claimed are ordinary cells with their text.
    for (r, row) in taken.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if !t {
                out[r][c] = Place::Cell(1, 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn left_and_up_markers_make_spans() {
        let g = grid(&[
            &["项目", "金额", "<<"],
            &["^^", "本年", "上年"],
            &["<<", "1", "^^"],
        ]);
        let p = places(&g, 3);
        assert_eq!(p[0], [Place::Cell(2, 1), Place::Cell(1, 2), Place::Covered]);
        assert_eq!(p[1], [Place::Covered, Place::Cell(1, 1), Place::Cell(2, 1)]);
        // A marker that continues nothing is text.
        assert_eq!(p[2][0], Place::Cell(1, 1));
        assert_eq!(p[2][2], Place::Covered);
    }
}
