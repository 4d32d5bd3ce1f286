//! Profiles and normalised copies are cached by content in the portal's
//! `.ouvert-cache/`: a file whose size and time are unchanged is not read
//! again, a changed one is, and what no file uses any more is removed.

mod common;

use common::Fixture;

/// The cache's folder for the current format (the only one there).
fn format_dir(fixture: &Fixture) -> std::path::PathBuf {
    let mut folders: Vec<_> = std::fs::read_dir(fixture.path("portal/.ouvert-cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    folders.pop().unwrap()
}

fn entries(fixture: &Fixture, folder: &str) -> usize {
    std::fs::read_dir(format_dir(fixture).join(folder)).map_or(0, |entries| entries.count())
}

#[test]
fn an_unchanged_file_is_not_read_again() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    let csv = fixture.path("portal/datasets/budget/budget.csv");
    let modified = std::fs::metadata(&csv).unwrap().modified().unwrap();
    // Same size, same time, other content: only a read would notice.
    std::fs::write(&csv, "annee,montant\n2031,99.9\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&csv)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(fixture.build().code, 0);
    let page = fixture.read("out/datasets/budget/index.html");
    assert!(page.contains("<td>2026</td>"), "the cached profile is used");
    assert_eq!(
        fixture.read("out/datasets/budget/normalized/budget.csv"),
        "annee,montant\n2026,12.5\n"
    );
}

#[test]
fn a_changed_file_is_read_again_and_its_old_profile_removed() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    assert_eq!(
        (
            entries(&fixture, "profiles"),
            entries(&fixture, "normalized")
        ),
        (1, 1)
    );
    let fixture = fixture.file(
        "portal/datasets/budget/budget.csv",
        "annee;montant\n2027;1 234,5\n",
    );
    assert_eq!(fixture.build().code, 0);
    let page = fixture.read("out/datasets/budget/index.html");
    assert!(page.contains("<td>2027</td>"), "{page}");
    assert_eq!(
        fixture.read("out/datasets/budget/normalized/budget.csv"),
        "annee,montant\n2027,1234.5\n"
    );
    assert_eq!(
        (
            entries(&fixture, "profiles"),
            entries(&fixture, "normalized")
        ),
        (1, 1)
    );
}

#[test]
fn a_damaged_cache_is_ignored() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    for entry in std::fs::read_dir(format_dir(&fixture).join("profiles")).unwrap() {
        std::fs::write(entry.unwrap().path(), "{ not json").unwrap();
    }
    std::fs::write(
        fixture.path("portal/.ouvert-cache/index.json"),
        [0xFF, 0x00],
    )
    .unwrap();
    let run = fixture.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        fixture
            .read("out/datasets/budget/index.html")
            .contains("<td>2026</td>")
    );
}

#[test]
fn what_an_earlier_format_left_is_not_used_and_removed() {
    let fixture = Fixture::new();
    assert_eq!(fixture.build().code, 0);
    let current = format_dir(&fixture);
    // An older ouvert's entries, under another format's folder, and as the
    // first versions kept them, at the top.
    let profiles = std::fs::read_dir(current.join("profiles")).unwrap();
    let entry = profiles.map(|e| e.unwrap().path()).next().unwrap();
    let stale = std::fs::read_to_string(&entry)
        .unwrap()
        .replace("2026", "1999");
    for folder in ["profile-1-0.0.1/profiles", "profiles"] {
        let folder = fixture.path(&format!("portal/.ouvert-cache/{folder}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(entry.file_name().unwrap()), &stale).unwrap();
    }
    std::fs::remove_dir_all(&current).unwrap();
    assert_eq!(fixture.build().code, 0);
    assert!(
        fixture
            .read("out/datasets/budget/index.html")
            .contains("<td>2026</td>")
    );
    assert_eq!(format_dir(&fixture), current);
}

/// A profile read from the cache is the one the file gives: a site built
/// from a fresh clone and one rebuilt from the cache publish the same
/// numbers, to the last digit.
#[test]
fn cached_profiles_give_the_same_numbers() {
    let fixture = Fixture::new().file(
        "portal/datasets/budget/budget.csv",
        "annee,montant\n2026,25.305699481865286\n",
    );
    assert_eq!(fixture.build().code, 0);
    let fresh = fixture.read("out/api/datasets/budget.json");
    assert!(fresh.contains("25.305699481865286"), "{fresh}");
    assert_eq!(fixture.build().code, 0);
    assert_eq!(fixture.read("out/api/datasets/budget.json"), fresh);
}
