//! Runs every case of every `tests/vectors/*.json` file through the library.

use motcua_conformance::{check, evaluate, load_vectors, Calendars};

#[test]
fn every_vector_passes() {
    let files = load_vectors();
    assert!(!files.is_empty(), "no vector files found");
    let mut calendars = Calendars::default();
    let mut failures = Vec::new();
    let mut total = 0;
    for (name, file) in &files {
        assert!(
            !file.cases.is_empty(),
            "{name}: no cases ({})",
            file.description
        );
        assert!(
            !file.source.is_empty(),
            "{name}: a vector file must say its source"
        );
        let mut ids = std::collections::HashSet::new();
        for case in &file.cases {
            assert!(
                ids.insert(case.id.clone()),
                "{name}: duplicate id {}",
                case.id
            );
            total += 1;
            let got = evaluate(case, &mut calendars);
            if let Err(why) = check(case, &got) {
                failures.push(format!("{name} {} ({}): {why}", case.id, case.op));
            }
        }
    }
    let shown: Vec<_> = failures.iter().take(30).collect();
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("{total} vector cases passed");
}
