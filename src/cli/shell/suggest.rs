//! "Did you mean …?": the command name closest to a misspelt one.

/// The closest of `names`, if it is within two edits (transpositions count as one).
pub fn closest(word: &str, names: &[String]) -> Option<String> {
    let word = word.to_ascii_lowercase();
    let len = word.chars().count();
    names
        .iter()
        // The distance is at least the difference in length: a long word costs no work.
        .filter(|name| name.chars().count().abs_diff(len) <= 2)
        .map(|name| (edit_distance(&word, name), name))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name.clone())
}

/// Optimal-string-alignment distance between two short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transposition_or_two_typos_find_the_command() {
        let names: Vec<String> = ["mget", "get", "jobs", "kill"].map(String::from).into();
        assert_eq!(closest("mgte", &names).as_deref(), Some("mget"));
        assert_eq!(closest("JBOS", &names).as_deref(), Some("jobs"));
        assert_eq!(closest("frobnicate", &names), None);
        assert_eq!(edit_distance("kill", "kil"), 1);
    }
}
