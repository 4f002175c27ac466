//! One version number for the three packages: the Cargo workspace (the crates, and through
//! maturin the Python package), `bindings-wasm/package.json` (npm) and its lock file, and a
//! section of `CHANGELOG.md` for it; one license text, shipped in each.

use std::fs;

use motcua_conformance::repo_root;

fn read(path: &str) -> String {
    fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lines of `[table]` in a TOML file, up to the next table header.
fn toml_table<'a>(text: &'a str, table: &str) -> Vec<&'a str> {
    let header = format!("[{table}]");
    text.lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .collect()
}

/// The string value of `key = "..."` in `[table]`, if the table sets it.
fn toml_string(text: &str, table: &str, key: &str) -> Option<String> {
    toml_table(text, table).into_iter().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn workspace_version() -> String {
    toml_string(&read("Cargo.toml"), "workspace.package", "version")
        .expect("Cargo.toml: [workspace.package] version")
}

#[test]
fn every_crate_takes_the_workspace_version() {
    let version = workspace_version();
    assert_eq!(env!("CARGO_PKG_VERSION"), version, "tests/Cargo.toml");
    for manifest in [
        "core/Cargo.toml",
        "bindings-python/Cargo.toml",
        "bindings-wasm/Cargo.toml",
        "benches/Cargo.toml",
        "tests/Cargo.toml",
    ] {
        let text = read(manifest);
        let package = toml_table(&text, "package");
        assert!(
            package
                .iter()
                .any(|l| l.trim() == "version.workspace = true"),
            "{manifest}: [package] must say `version.workspace = true` (one version for all)"
        );
    }
    // The version requirement other crates use for the library (and `cargo publish` checks).
    let dep = toml_table(&read("Cargo.toml"), "workspace.dependencies")
        .into_iter()
        .find(|l| l.trim_start().starts_with("motcua ="))
        .expect("Cargo.toml: [workspace.dependencies] motcua")
        .to_string();
    assert!(
        dep.contains(&format!("version = \"{version}\"")),
        "Cargo.toml: [workspace.dependencies] `{dep}` must require version {version}"
    );
}

#[test]
fn the_python_package_takes_its_version_from_cargo() {
    // maturin sets a dynamic version from bindings-python/Cargo.toml (the workspace's);
    // `motcua.__version__` is the crate's CARGO_PKG_VERSION.
    let text = read("bindings-python/pyproject.toml");
    assert_eq!(
        toml_string(&text, "project", "version"),
        None,
        "pyproject.toml: no static version; it comes from Cargo"
    );
    let dynamic = toml_table(&text, "project")
        .into_iter()
        .find(|l| l.trim_start().starts_with("dynamic"))
        .expect("pyproject.toml: [project] dynamic");
    assert!(
        dynamic.contains("\"version\""),
        "pyproject.toml: `{dynamic}`"
    );
}

#[test]
fn the_npm_package_has_the_workspace_version() {
    let version = workspace_version();
    // JSON pointers; `packages.""` is the lock file's entry for the package itself.
    for (file, pointer) in [
        ("bindings-wasm/package.json", "/version"),
        ("bindings-wasm/package-lock.json", "/version"),
        ("bindings-wasm/package-lock.json", "/packages//version"),
    ] {
        let json: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
        assert_eq!(
            json.pointer(pointer).and_then(|v| v.as_str()),
            Some(version.as_str()),
            "{file}: {pointer}"
        );
    }
}

#[test]
fn the_changelog_has_a_section_for_the_version() {
    let version = workspace_version();
    let changelog = read("CHANGELOG.md");
    let headings: Vec<&str> = changelog.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings.first().copied(),
        Some("## [Unreleased]"),
        "CHANGELOG.md: the first section is [Unreleased]"
    );
    let section = format!("## [{version}] - ");
    let heading = headings
        .iter()
        .find(|h| h.starts_with(&section))
        .unwrap_or_else(|| panic!("CHANGELOG.md: no `{section}YYYY-MM-DD` section"));
    let date = &heading[section.len()..];
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "CHANGELOG.md: `{heading}`: the date is YYYY-MM-DD"
    );
    assert!(
        changelog.contains(&format!("\n[{version}]: ")),
        "CHANGELOG.md: the link reference of [{version}]"
    );
}

#[test]
fn every_package_ships_the_license_texts() {
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mit = read("LICENSE-MIT");
    let apache = read("LICENSE-APACHE");
    assert!(mit.starts_with("MIT License") && apache.contains("Apache License"));
    // The crate and the Python package ship these files (links to the root's).
    for dir in ["core", "bindings-python"] {
        assert_eq!(
            read(&format!("{dir}/LICENSE-MIT")),
            mit,
            "{dir}/LICENSE-MIT"
        );
        assert_eq!(
            read(&format!("{dir}/LICENSE-APACHE")),
            apache,
            "{dir}/LICENSE-APACHE"
        );
    }
    // The npm package ships one LICENSE holding both texts (rewrapped).
    let npm = words(&read("bindings-wasm/LICENSE"));
    assert!(
        npm.contains(&words(&mit)),
        "bindings-wasm/LICENSE: the MIT text differs"
    );
    assert!(
        npm.contains(&words(&apache)),
        "bindings-wasm/LICENSE: the Apache text differs"
    );
}
